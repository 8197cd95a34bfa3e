{{%AUTOESCAPE context="HTML"}}
<section class="panel" aria-labelledby="payouts-h">
<h2 id="payouts-h">Payout tracking</h2>
<div class="table-wrap">
<table>
<caption>Totals per basis (payouts in the date range, undated ones by the share of their orders or posts in it; expected: each influencer's rate x its orders, or posts for post basis, in the range)</caption>
<thead><tr><th scope="col">Basis</th><th scope="col" class="num">Payouts</th><th scope="col" class="num">Total</th><th scope="col" class="num">Expected</th><th scope="col" class="num">Difference (expected − paid)</th></tr></thead>
<tbody>
{{#BASIS_TOTAL}}<tr><th scope="row">{{BASIS}}</th><td class="num">{{COUNT}}</td><td class="num">{{TOTAL}}</td><td class="num">{{EXPECTED}}</td><td class="num">{{DIFFERENCE}}</td></tr>{{/BASIS_TOTAL}}
</tbody>
</table>
</div>
{{#STATUSES}}<div class="table-wrap">
<table>
<caption>Totals per payout status</caption>
<thead><tr><th scope="col">Status</th><th scope="col" class="num">Payouts</th><th scope="col" class="num">Total</th></tr></thead>
<tbody>
{{#STATUS_TOTAL}}<tr><th scope="row">{{STATUS}}</th><td class="num">{{COUNT}}</td><td class="num">{{TOTAL}}</td></tr>{{/STATUS_TOTAL}}
</tbody>
</table>
</div>{{/STATUSES}}
{{#NO_PAYOUTS}}<p class="notice">No payout to these influencers falls in this date range.</p>{{/NO_PAYOUTS}}
<div class="table-wrap">
<table>
<caption>Per influencer, largest first{{#TRUNCATED}} (the largest {{SHOWN}} of {{PAID_COUNT}}){{/TRUNCATED}}</caption>
<thead><tr><th scope="col">Influencer</th><th scope="col" class="num">Total paid</th><th scope="col" class="num">Expected</th><th scope="col" class="num">Difference</th><th scope="col">Basis</th><th scope="col" class="num">Rate</th><th scope="col" class="num">Orders paid</th><th scope="col" class="num">Payouts</th><th scope="col">Last payout</th></tr></thead>
<tbody>
{{#PAYOUT}}<tr><th scope="row">{{NAME}} <span class="id">{{ID}}</span></th><td class="num">{{TOTAL}}</td><td class="num">{{EXPECTED}}</td><td class="num">{{DIFFERENCE}}</td><td>{{BASIS}}</td><td class="num">{{RATE}}</td><td class="num">{{ORDERS_PAID}}</td><td class="num">{{COUNT}}</td><td>{{LAST}}</td></tr>{{/PAYOUT}}
</tbody>
</table>
</div>
</section>
