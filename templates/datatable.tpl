{{%AUTOESCAPE context="HTML"}}
<div class="table-wrap">
<table data-table="{{TABLE}}">
  <caption>{{CAPTION}}</caption>
  <thead><tr>{{#HEAD}}<th scope="col" data-key="{{KEY}}"{{#NUM}} class="num"{{/NUM}}>{{LABEL}}</th>{{/HEAD}}</tr></thead>
  <tbody>
  {{#ROW}}<tr>{{#CELL}}<td{{#NUM}} class="num"{{/NUM}}>{{VALUE}}</td>{{/CELL}}</tr>{{/ROW}}
  </tbody>
</table>
</div>
