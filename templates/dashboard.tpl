{{%AUTOESCAPE context="HTML"}}
{{>HEADER}}
<h1>Influencer ROI</h1>
{{>FILTERS}}
{{#EMPTY}}<p class="notice">No influencer matches these filters. Remove a filter above to see figures.</p>{{/EMPTY}}
{{>KPIS}}
<p class="downloads">Download for these filters:
  <a href="/export/summary.csv{{EXPORT_QUERY}}">summary.csv</a> ·
  <a href="/export/influencers.csv{{EXPORT_QUERY}}">influencers.csv</a></p>
<section aria-label="Top influencers">
{{>TOP}}
</section>
<section aria-label="Bottom influencers">
{{>BOTTOM}}
</section>
{{>FOOTER}}
