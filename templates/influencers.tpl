{{%AUTOESCAPE context="HTML"}}
{{>HEADER}}
<h1>Influencers</h1>
{{>FILTERS}}
<p class="downloads">Download: <a href="/export/influencers.csv{{EXPORT_QUERY}}">influencers.csv</a></p>
{{>TABLE}}
{{>FOOTER}}
