{{%AUTOESCAPE context="HTML"}}
{{>HEADER}}
<h1>Upload</h1>
{{#FAILED}}<section class="error" role="alert"><p><strong>{{MESSAGE}}</strong></p></section>{{/FAILED}}
{{#FILE_ERRORS}}
<section class="file-errors" aria-label="Errors in {{FILE}}">
<h2>{{FILE}} <span class="hint">sent as {{SENT_AS}}: {{TOTAL}} errors</span></h2>
<div class="table-wrap">
<table>
<caption>Errors in {{FILE}}{{#MORE}} (the first 20; {{HIDDEN}} more not shown){{/MORE}}</caption>
<thead><tr><th scope="col" class="num">Line</th><th scope="col">Column</th><th scope="col">Value</th><th scope="col">Reason</th></tr></thead>
<tbody>
{{#ERROR}}<tr><td class="num">{{LINE}}</td><td>{{COLUMN}}</td><td><code>{{VALUE}}</code></td><td>{{REASON}}</td></tr>{{/ERROR}}
</tbody>
</table>
</div>
</section>
{{/FILE_ERRORS}}
{{#MAPPING}}
<section class="panel mapping" aria-labelledby="map-h">
<h2 id="map-h">Choose the missing columns</h2>
<form method="post" action="/upload/map" class="upload">
  <p class="hint">Pick, for each missing column, the column of your file that holds it. The files you sent are kept on the server for an hour, for you only, so they need not be sent again{{#MONTH_FIRST}} (their dates are still read month first){{/MONTH_FIRST}}. The choice is recorded in the version's history.</p>
  <input type="hidden" name="token" value="{{TOKEN}}">
  {{#MAP_COLUMN}}<label>{{COLUMN}} of {{FILE}} <select name="{{FIELD}}" required><option value="">(choose a column)</option>{{#OPTION}}<option value="{{NAME}}">{{NAME}}</option>{{/OPTION}}</select></label>
  {{/MAP_COLUMN}}<p><button type="submit">Finish the upload with these columns</button></p>
</form>
</section>
{{/MAPPING}}
<section class="panel" aria-labelledby="form-h">
<h2 id="form-h">Upload a new version</h2>
<form method="post" action="/upload" enctype="multipart/form-data" class="upload">
  <p class="hint">Choose any of the four files; the ones you leave out carry over from the current version. Everything is checked before anything changes: one error anywhere and the current version stays.</p>
  <label>influencers.csv <input type="file" name="influencers" accept=".csv,text/csv"></label>
  <label>posts.csv <input type="file" name="posts" accept=".csv,text/csv"></label>
  <label>tracking_data.csv <input type="file" name="tracking_data" accept=".csv,text/csv"></label>
  <label>payouts.csv <input type="file" name="payouts" accept=".csv,text/csv"></label>
  <p class="hint">Dates may be written 2025-06-17, 2025/06/17, or day first as 17-06-2025, 17/06/2025 or 17.06.2025 (a time after the date is ignored).</p>
  <label class="check"><input type="checkbox" name="dates" value="mdy"> Dates are month first (06/17/2025 is 17 June)</label>
  <p><button type="submit">Upload and activate</button></p>
</form>
</section>
<section class="panel" aria-labelledby="history-h">
<h2 id="history-h">Dataset history</h2>
<div class="table-wrap">
<table>
<caption>Every version, newest first; each is kept unchanged and can be made current again</caption>
<thead><tr><th scope="col">Version</th><th scope="col">Uploaded (UTC)</th><th scope="col">Local time</th><th scope="col">By</th><th scope="col" class="num">Influencers</th><th scope="col" class="num">Posts</th><th scope="col" class="num">Tracking rows</th><th scope="col" class="num">Payouts</th><th scope="col">Warnings</th><th scope="col">State</th></tr></thead>
<tbody>
{{#VERSION_ROW}}<tr><th scope="row">{{NAME}}</th><td>{{CREATED}}</td><td>{{LOCAL}}</td><td>{{USER}}</td><td class="num">{{ROWS_I}}</td><td class="num">{{ROWS_P}}</td><td class="num">{{ROWS_T}}</td><td class="num">{{ROWS_Y}}</td>
<td>{{#WARNING}}<p class="warning">{{TEXT}}</p>{{/WARNING}}</td>
<td>{{#CURRENT}}<strong>current</strong>{{/CURRENT}}{{#ACTIVATE}}<form method="post" action="/upload/activate"><input type="hidden" name="version" value="{{NAME}}"><button type="submit">Make current</button></form>{{/ACTIVATE}}</td></tr>{{/VERSION_ROW}}
</tbody>
</table>
</div>
</section>
{{>FOOTER}}
