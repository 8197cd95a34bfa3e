{{%AUTOESCAPE context="HTML"}}
<section class="panel" aria-labelledby="breakdown-h">
<h2 id="breakdown-h">Revenue by brand and product</h2>
<div class="two">
<div class="table-wrap">
<table>
<caption>By brand</caption>
<thead><tr><th scope="col">Brand</th><th scope="col" class="num">Rows</th><th scope="col" class="num">Orders</th><th scope="col" class="num">Revenue</th></tr></thead>
<tbody>
{{#BRAND}}<tr><th scope="row">{{KEY1}}</th><td class="num">{{COUNT}}</td><td class="num">{{ORDERS}}</td><td class="num">{{REVENUE}}</td></tr>{{/BRAND}}
</tbody>
</table>
</div>
<div class="table-wrap">
<table>
<caption>By product</caption>
<thead><tr><th scope="col">Product</th><th scope="col" class="num">Rows</th><th scope="col" class="num">Orders</th><th scope="col" class="num">Revenue</th></tr></thead>
<tbody>
{{#PRODUCT}}<tr><th scope="row">{{KEY1}}</th><td class="num">{{COUNT}}</td><td class="num">{{ORDERS}}</td><td class="num">{{REVENUE}}</td></tr>{{/PRODUCT}}
</tbody>
</table>
</div>
</div>
</section>
