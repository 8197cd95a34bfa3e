{{%AUTOESCAPE context="HTML"}}
<section class="panel" aria-labelledby="posts-h">
<h2 id="posts-h">Post performance</h2>
{{#NO_POSTS}}<p class="notice">No post of these influencers falls in this date range.</p>{{/NO_POSTS}}
<p class="totals">Posts <strong>{{POSTS}}</strong> · reach <strong>{{REACH}}</strong> · likes <strong>{{LIKES}}</strong> · comments <strong>{{COMMENTS}}</strong> · engagement rate <strong>{{RATE}}</strong> <span class="hint">(likes + comments) / reach; brand filters do not apply to posts</span></p>
<div class="table-wrap">
<table>
<caption>Top posts by reach</caption>
<thead><tr><th scope="col">Influencer</th><th scope="col">Platform</th><th scope="col">Date</th><th scope="col">Caption</th><th scope="col" class="num">Reach</th><th scope="col" class="num">Engagement</th><th scope="col" class="num">Rate</th></tr></thead>
<tbody>
{{#BY_REACH}}<tr><th scope="row">{{NAME}} <span class="id">{{ID}}</span></th><td>{{PLATFORM}}</td><td>{{DATE}}</td><td class="caption">{{#LINK}}<a href="{{URL}}" rel="noopener noreferrer">{{/LINK}}{{CAPTION}}{{#LINK}}</a>{{/LINK}}</td><td class="num">{{REACH}}</td><td class="num">{{ENGAGEMENT}}</td><td class="num">{{RATE}}</td></tr>{{/BY_REACH}}
</tbody>
</table>
</div>
<div class="table-wrap">
<table>
<caption>Top posts by engagement rate</caption>
<thead><tr><th scope="col">Influencer</th><th scope="col">Platform</th><th scope="col">Date</th><th scope="col">Caption</th><th scope="col" class="num">Reach</th><th scope="col" class="num">Engagement</th><th scope="col" class="num">Rate</th></tr></thead>
<tbody>
{{#BY_RATE}}<tr><th scope="row">{{NAME}} <span class="id">{{ID}}</span></th><td>{{PLATFORM}}</td><td>{{DATE}}</td><td class="caption">{{#LINK}}<a href="{{URL}}" rel="noopener noreferrer">{{/LINK}}{{CAPTION}}{{#LINK}}</a>{{/LINK}}</td><td class="num">{{REACH}}</td><td class="num">{{ENGAGEMENT}}</td><td class="num">{{RATE}}</td></tr>{{/BY_RATE}}
</tbody>
</table>
</div>
<div class="table-wrap">
<table>
<caption>Posts by platform</caption>
<thead><tr><th scope="col">Platform</th><th scope="col" class="num">Posts</th><th scope="col" class="num">Reach</th><th scope="col" class="num">Engagement</th><th scope="col" class="num">Rate</th></tr></thead>
<tbody>
{{#POST_PLATFORM}}<tr><th scope="row">{{PLATFORM}}</th><td class="num">{{POSTS}}</td><td class="num">{{REACH}}</td><td class="num">{{ENGAGEMENT}}</td><td class="num">{{RATE}}</td></tr>{{/POST_PLATFORM}}
</tbody>
</table>
</div>
</section>
