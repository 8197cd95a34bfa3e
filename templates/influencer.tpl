{{%AUTOESCAPE context="HTML"}}
{{>HEADER}}
<h1>{{TITLE}}</h1>
{{>FILTERS}}
{{>KPIS}}
{{>TABLE}}
<p class="downloads">Download: <a href="/export/summary.csv{{EXPORT_QUERY}}">summary.csv</a></p>
{{>FOOTER}}
