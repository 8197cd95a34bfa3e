{{%AUTOESCAPE context="HTML"}}
{{>HEADER}}
<h1>Influencers</h1>
{{>FILTERS}}
{{>DOWNLOADS}}
{{#EMPTY}}<p class="notice">No influencer matches these filters.</p>{{/EMPTY}}
<div class="table-wrap">
<table>
<caption>{{TOTAL}} influencers; select a column header to sort by it</caption>
<thead><tr>{{#HEAD}}<th scope="col" aria-sort="{{ARIA}}"{{#NUM}} class="num"{{/NUM}}><a href="{{HREF}}">{{LABEL}}{{ARROW}}</a></th>{{/HEAD}}</tr></thead>
<tbody>
{{#ROW}}<tr{{#BELOW}} class="below"{{/BELOW}}>
  <th scope="row"><a href="{{HREF}}{{QUERY}}">{{NAME}}</a> <span class="id">{{ID}}</span></th>
  <td>{{PLATFORM}}</td><td>{{CATEGORY}}</td><td>{{GENDER}}</td>
  <td class="num">{{FOLLOWERS}}</td><td class="num">{{POSTS}}</td><td class="num">{{REACH}}</td><td class="num">{{ENG_RATE}}</td>
  <td class="num">{{ORDERS}}</td><td class="num">{{REVENUE}}</td><td class="num">{{SPEND}}</td>
  <td class="num">{{ROAS}}{{#BELOW}} <span class="flag">below baseline</span>{{/BELOW}}</td>
  <td class="num">{{INCR_ROAS}}</td><td class="num">{{CPO}}</td>
</tr>{{/ROW}}
</tbody>
</table>
</div>
<nav class="pager" aria-label="Pages">{{#PREV}}<a href="{{HREF}}" rel="prev">&#8592; Previous</a>{{/PREV}} <span>Page {{PAGE}} of {{PAGES}}</span> {{#NEXT}}<a href="{{HREF}}" rel="next">Next &#8594;</a>{{/NEXT}}</nav>
{{>FOOTER}}
