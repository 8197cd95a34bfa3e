{{%AUTOESCAPE context="HTML"}}
<div class="table-wrap">
<table>
  <caption>{{CAPTION}}</caption>
  <thead><tr>
    <th scope="col">Influencer</th><th scope="col">Platform</th><th scope="col">Category</th><th scope="col">Gender</th>
    <th scope="col" class="num">Followers</th><th scope="col" class="num">Posts</th><th scope="col" class="num">Engagement rate</th>
    <th scope="col" class="num">Orders</th><th scope="col" class="num">Revenue</th><th scope="col" class="num">Spend</th>
    <th scope="col" class="num">ROAS</th><th scope="col" class="num">Incr. ROAS</th><th scope="col" class="num">Cost / order</th>
  </tr></thead>
  <tbody>
  {{#ROW}}<tr{{#BELOW}} class="below"{{/BELOW}}>
    <th scope="row"><a href="{{HREF}}{{QUERY}}">{{NAME}}</a> <span class="id">{{ID}}</span></th>
    <td>{{PLATFORM}}</td><td>{{CATEGORY}}</td><td>{{GENDER}}</td>
    <td class="num">{{FOLLOWERS}}</td><td class="num">{{POSTS}}</td><td class="num">{{ENG_RATE}}</td>
    <td class="num">{{ORDERS}}</td><td class="num">{{REVENUE}}</td><td class="num">{{SPEND}}</td>
    <td class="num">{{ROAS}}{{#BELOW}} <span class="flag" title="below the baseline ROAS">below baseline</span>{{/BELOW}}</td>
    <td class="num">{{INCR_ROAS}}</td><td class="num">{{CPO}}</td>
  </tr>{{/ROW}}
  {{#NO_ROWS}}<tr><td colspan="13">No influencer in this selection has any spend.</td></tr>{{/NO_ROWS}}
  </tbody>
</table>
</div>
