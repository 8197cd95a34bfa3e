{{%AUTOESCAPE context="HTML"}}
{{>HEADER}}
<h1>Influencer ROI</h1>
{{#NOTICE}}<section class="notice" role="status"><p><strong>Version {{NOTICE_VERSION}} is now active</strong> ({{NOTICE_WHAT}}{{#NOTICE_BY}} by {{NOTICE_USER}}{{/NOTICE_BY}}, {{NOTICE_ROWS}}).</p>{{#NOTICE_WARNING}}<p class="warning">Warning: {{TEXT}}</p>{{/NOTICE_WARNING}}</section>{{/NOTICE}}
{{>FILTERS}}
{{#EMPTY}}<p class="notice">No influencer matches these filters. Remove a filter above to see figures.</p>{{/EMPTY}}
{{>KPIS}}
{{>DOWNLOADS}}
{{>CAMPAIGNS}}
{{>TREND}}
<section class="panel" aria-labelledby="infl-h">
<h2 id="infl-h">Influencers</h2>
<div class="two">
<figure class="chart-box">{{TOP_CHART:none}}<figcaption>Top 10 by ROAS; the dashed line is the baseline.</figcaption></figure>
<figure class="chart-box">{{BOTTOM_CHART:none}}<figcaption>Bottom 10 by ROAS; red bars are below the baseline.</figcaption></figure>
</div>
{{>TOP}}
{{>BOTTOM}}
<p><a href="/influencers{{QUERY}}">Every influencer, sortable by any column</a></p>
</section>
{{>PERSONAS}}
{{>POSTS}}
{{>PAYOUTS}}
{{>FOOTER}}
