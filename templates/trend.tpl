{{%AUTOESCAPE context="HTML"}}
<section class="panel" aria-labelledby="trend-h">
<h2 id="trend-h">ROAS trend</h2>
<p class="downloads"><a href="/export/trend.csv{{QUERY}}">Download the trend (trend.csv)</a></p>
{{#NO_TREND}}<p class="notice">No dated rows in this selection, so there is no trend to draw.</p>{{/NO_TREND}}
<figure class="chart-box">{{TREND_CHART:none}}
<figcaption>Revenue and spend per {{GRAIN}} (dated payouts on their date, undated ones spread over the orders or posts they paid for); ROAS and cumulative ROAS against the baseline. Hover a bar or a point for its value.</figcaption>
</figure>
{{#TIMING}}<p class="hint">How the spend of this view is timed: {{#PART}}{{AMOUNT}} {{WHAT}}{{#PART_separator}}; {{/PART_separator}}{{/PART}}.{{#LEFT_OUT}} Left out of this date range: {{AMOUNT}} of undated payouts with no orders or posts to spread them over.{{/LEFT_OUT}}</p>{{/TIMING}}
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
