{{%AUTOESCAPE context="HTML"}}
<section class="kpis" aria-label="Key figures">
  <div class="kpi"><span class="label">Revenue</span><span class="value">{{REVENUE}}</span>{{#REVENUE_CHANGE}}<span class="delta {{TREND}}">{{DELTA}} {{VS}}</span>{{/REVENUE_CHANGE}}</div>
  <div class="kpi"><span class="label">Spend</span><span class="value">{{SPEND}}</span>{{#SPEND_CHANGE}}<span class="delta {{TREND}}">{{DELTA}} {{VS}}</span>{{/SPEND_CHANGE}}{{#ALLOCATED}}<span class="sub">allocated by orders share of {{BASE_SPEND}}</span>{{/ALLOCATED}}</div>
  <div class="kpi{{#ROAS_BELOW}} below{{/ROAS_BELOW}}"><span class="label">ROAS</span><span class="value">{{ROAS}}</span>{{#ROAS_CHANGE}}<span class="delta {{TREND}}">{{DELTA}} {{VS}}</span>{{/ROAS_CHANGE}}{{#ROAS_BELOW}}<span class="sub flag">below baseline {{BASELINE}}</span>{{/ROAS_BELOW}}</div>
  <div class="kpi"><span class="label">Incremental ROAS</span><span class="value">{{INCR_ROAS}}</span>{{#INCR_ROAS_CHANGE}}<span class="delta {{TREND}}">{{DELTA}} {{VS}}</span>{{/INCR_ROAS_CHANGE}}<span class="sub">baseline ROAS {{BASELINE}}; incremental revenue {{INCR_REVENUE}}</span></div>
  <div class="kpi"><span class="label">ROI</span><span class="value">{{ROI}}</span>{{#ROI_CHANGE}}<span class="delta {{TREND}}">{{DELTA}} {{VS}}</span>{{/ROI_CHANGE}}</div>
  <div class="kpi"><span class="label">Orders</span><span class="value">{{ORDERS}}</span>{{#ORDERS_CHANGE}}<span class="delta {{TREND}}">{{DELTA}} {{VS}}</span>{{/ORDERS_CHANGE}}</div>
  <div class="kpi"><span class="label">Cost per order</span><span class="value">{{CPO}}</span>{{#CPO_CHANGE}}<span class="delta {{TREND}}">{{DELTA}} {{VS}}</span>{{/CPO_CHANGE}}</div>
  <div class="kpi"><span class="label">Average order value</span><span class="value">{{AOV}}</span>{{#AOV_CHANGE}}<span class="delta {{TREND}}">{{DELTA}} {{VS}}</span>{{/AOV_CHANGE}}</div>
  {{#ALLOCATED}}<div class="kpi"><span class="label">Unallocated spend</span><span class="value">{{UNALLOCATED}}</span><span class="sub">spend on orders outside the brand/product/campaign filter</span></div>{{/ALLOCATED}}
  <div class="kpi"><span class="label">Influencer share of tracked revenue</span><span class="value">{{SHARE}}</span><span class="sub">of {{TRACKED_REVENUE}} tracked, organic included</span></div>
  <div class="kpi"><span class="label">Influencers</span><span class="value">{{INFLUENCER_COUNT}}</span></div>
  <div class="kpi"><span class="label">Posts · reach · engagement rate</span><span class="value">{{POSTS}}</span>{{#POSTS_CHANGE}}<span class="delta {{TREND}}">{{DELTA}} {{VS}}</span>{{/POSTS_CHANGE}}<span class="sub">reach {{REACH}}; engagement rate {{ENG_RATE}}</span></div>
</section>
