{{%AUTOESCAPE context="HTML"}}
{{>HEADER}}
<p class="crumbs"><a href="/influencers{{QUERY}}">Influencers</a> &#8250; {{TITLE}}</p>
<h1>{{TITLE}}</h1>
{{>FILTERS}}
{{>KPIS}}
{{>TABLE}}
{{>DOWNLOADS}}
{{>TREND}}
{{>CAMPAIGNS}}
{{>BRANDS}}
{{>PRODUCTS}}
{{>POSTS}}
{{>PAYOUTS}}
{{>FOOTER}}
