{{%AUTOESCAPE context="HTML"}}
<section class="panel" aria-labelledby="trend-h">
<h2 id="trend-h">ROAS trend</h2>
{{#NO_TREND}}<p class="notice">No dated rows in this selection, so there is no trend to draw.</p>{{/NO_TREND}}
<figure class="chart-box">{{TREND_CHART:none}}
<figcaption>Revenue and spend (by payout date) per {{GRAIN}}; ROAS and cumulative ROAS against the baseline. Hover a bar or a point for its value.</figcaption>
</figure>
{{#UNDATED}}<p class="hint">Payouts without a date ({{UNDATED_SPEND}}) count in the totals but in no period.</p>{{/UNDATED}}
<details>
<summary>The trend as a table</summary>
<div class="table-wrap">
<table>
<caption>Revenue, spend and ROAS per {{GRAIN}}</caption>
<thead><tr><th scope="col">Period</th><th scope="col" class="num">Revenue</th><th scope="col" class="num">Spend</th><th scope="col" class="num">Orders</th><th scope="col" class="num">ROAS</th><th scope="col" class="num">Cumulative ROAS</th></tr></thead>
<tbody>
{{#PERIOD}}<tr><th scope="row">{{LABEL}}</th><td class="num">{{REVENUE}}</td><td class="num">{{SPEND}}</td><td class="num">{{ORDERS}}</td><td class="num">{{ROAS}}</td><td class="num">{{CUM_ROAS}}</td></tr>{{/PERIOD}}
</tbody>
</table>
</div>
</details>
</section>
