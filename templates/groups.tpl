{{%AUTOESCAPE context="HTML"}}
<section class="panel" aria-labelledby="{{ID}}-h">
<h2 id="{{ID}}-h">{{HEADING}}</h2>
{{#NO_ROWS}}<p class="notice">No tracking rows in this selection, so there are no {{PLURAL}} to compare.</p>{{/NO_ROWS}}
{{#CHART_BOX}}<figure class="chart-box narrow">{{CHART:none}}<figcaption>ROAS per {{NAME_WORD}}{{#CHART_SHOWN}}, the {{CHART_SHOWN_N}} best of {{TOTAL}}{{/CHART_SHOWN}}; the dashed line is the baseline, red bars are below it.</figcaption></figure>{{/CHART_BOX}}
{{#TABLE_BOX}}<div class="table-wrap">
<table data-table="{{TABLE}}">
<caption>{{CAPTION}}</caption>
<thead><tr>{{#HEAD}}<th scope="col"{{#SORTED}} aria-sort="{{ARIA}}"{{/SORTED}}{{#NUM}} class="num"{{/NUM}}>{{#SORT}}<a href="{{HREF}}">{{LABEL}}{{ARROW}}</a>{{/SORT}}{{#PLAIN}}{{LABEL}}{{/PLAIN}}</th>{{/HEAD}}</tr></thead>
<tbody>
{{#ROW}}<tr{{#BELOW}} class="below"{{/BELOW}}><th scope="row">{{#LINK}}<a href="/?{{ROW_QUERY}}">{{NAME}}</a>{{/LINK}}{{#NOLINK}}{{NAME}}{{/NOLINK}}</th>{{#BRAND_CELL}}<td>{{BRANDS}}</td>{{/BRAND_CELL}}<td class="num">{{REVENUE}}</td><td class="num">{{ORDERS}}</td><td class="num">{{SPEND}}</td><td class="num">{{ROAS}}{{#BELOW}} <span class="flag">below baseline</span>{{/BELOW}}</td><td class="num">{{INCR_ROAS}}</td><td class="num">{{INFLUENCERS}}</td><td>{{FIRST}}</td><td>{{LAST}}</td></tr>
{{/ROW}}</tbody>
</table>
</div>{{/TABLE_BOX}}
<p class="note" id="{{ID}}-without">Spend without orders: <data value="{{WITHOUT_VALUE}}">{{WITHOUT}}</data> (influencers of the selection with no orders in the range; in no row).{{#ADDS_UP}} The rows plus this make the spend of the key figures, {{SPEND_TOTAL}}.{{/ADDS_UP}}{{#FILTERED}} With a brand, product or campaign filter the rows make the spend of the key figures, {{SPEND_TOTAL}}; the unallocated {{UNALLOCATED}} (the spend without orders included) is in no row.{{/FILTERED}}</p>
{{#MORE}}<p><a href="/campaigns?{{MORE_QUERY}}">All {{TOTAL}} {{PLURAL}}, sortable by any column</a></p>{{/MORE}}
{{#LINKS}}<p><a href="/campaigns{{QUERY}}">Campaigns</a> · <a href="/campaigns?{{BRAND_QUERY}}">brands</a> · <a href="/campaigns?{{PRODUCT_QUERY}}">products</a>, every row and sortable; downloads: <a href="/export/campaigns.csv{{EXPORT_QUERY}}">campaigns.csv</a> · <a href="/export/brands.csv{{EXPORT_QUERY}}">brands.csv</a> · <a href="/export/products.csv{{EXPORT_QUERY}}">products.csv</a></p>{{/LINKS}}
</section>
