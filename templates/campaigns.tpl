{{%AUTOESCAPE context="HTML"}}
{{>HEADER}}
<h1>{{TITLE}}</h1>
<nav class="tabs" aria-label="Group by">{{#TAB}}<a href="/campaigns?{{TAB_QUERY}}"{{#TAB_CURRENT}} aria-current="page" class="current"{{/TAB_CURRENT}}>{{TAB_LABEL}}</a> {{/TAB}}</nav>
{{>FILTERS}}
{{>DOWNLOADS}}
{{>GROUPS}}
{{>FOOTER}}
