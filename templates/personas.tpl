{{%AUTOESCAPE context="HTML"}}
<section class="panel" aria-labelledby="personas-h">
<h2 id="personas-h">Best personas</h2>
{{#NO_PERSONAS}}<p class="notice">No influencer in this selection, so there are no personas to compare.</p>{{/NO_PERSONAS}}
<figure class="chart-box heat-box">{{HEATMAP:none}}<figcaption>ROAS by category and gender: warm cells are below the baseline, cool cells above it.</figcaption></figure>
<div class="table-wrap">
<table>
<caption>Category and gender, by ROAS</caption>
<thead><tr><th scope="col">Category</th><th scope="col">Gender</th><th scope="col" class="num">Influencers</th><th scope="col" class="num">Revenue</th><th scope="col" class="num">Spend</th><th scope="col" class="num">ROAS</th></tr></thead>
<tbody>
{{#PERSONA}}<tr{{#BELOW}} class="below"{{/BELOW}}><th scope="row">{{KEY1}}</th><td>{{KEY2}}</td><td class="num">{{COUNT}}</td><td class="num">{{REVENUE}}</td><td class="num">{{SPEND}}</td><td class="num">{{ROAS}}{{#BELOW}} <span class="flag">below baseline</span>{{/BELOW}}</td></tr>{{/PERSONA}}
</tbody>
</table>
</div>
<div class="table-wrap">
<table>
<caption>By platform</caption>
<thead><tr><th scope="col">Platform</th><th scope="col" class="num">Influencers</th><th scope="col" class="num">Orders</th><th scope="col" class="num">Revenue</th><th scope="col" class="num">Spend</th><th scope="col" class="num">ROAS</th></tr></thead>
<tbody>
{{#PLATFORM}}<tr{{#BELOW}} class="below"{{/BELOW}}><th scope="row">{{KEY1}}</th><td class="num">{{COUNT}}</td><td class="num">{{ORDERS}}</td><td class="num">{{REVENUE}}</td><td class="num">{{SPEND}}</td><td class="num">{{ROAS}}</td></tr>{{/PLATFORM}}
</tbody>
</table>
</div>
</section>
