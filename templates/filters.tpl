{{%AUTOESCAPE context="HTML"}}
<section class="filters" aria-label="Filters">
{{#ACTIVE}}<p class="chips"><span class="chips-label">Active filters:</span> {{#CHIP}}<a class="chip" href="{{PATH}}{{CHIP_QUERY}}" title="Remove this filter">{{CHIP_LABEL}} <span aria-hidden="true">&#215;</span></a> {{/CHIP}}{{#MORE}}<a class="chip more" href="{{PATH}}{{MORE_QUERY}}" title="Remove these {{MORE_COUNT}} filters">and {{MORE_COUNT}} more <span aria-hidden="true">&#215;</span></a> {{/MORE}}<a class="clear" href="{{PATH}}">Clear all</a></p>{{/ACTIVE}}
<p class="presets"><span class="chips-label">Dates:</span> {{#PRESET}}<a href="{{PATH}}{{PRESET_QUERY}}"{{#PRESET_CURRENT}} aria-current="true" class="current"{{/PRESET_CURRENT}}>{{PRESET_LABEL}}</a> {{/PRESET}}<span class="hint">relative to the data's last date, {{DATA_LAST}}</span></p>
{{#UNKNOWN_VALUE}}<p class="notice">{{UNKNOWN}} is not in the data, so it selects nothing.</p>{{/UNKNOWN_VALUE}}
<details{{#OPEN}} open{{/OPEN}}>
<summary>Filters</summary>
<form method="get" action="{{PATH}}">{{#BY_FIELD}}<input type="hidden" name="by" value="{{BY}}">{{/BY_FIELD}}
  <div class="groups">
  {{#GROUP}}
  <fieldset>
    <legend>{{LABEL}}</legend>
    {{#OPTION}}<label><input type="checkbox" name="{{PARAM}}" value="{{FORM_VALUE}}"{{#CHECKED}} checked{{/CHECKED}}> {{VALUE}} <span class="count">({{COUNT}})</span></label>{{/OPTION}}
  </fieldset>
  {{/GROUP}}
  <fieldset>
    <legend>Dates</legend>
    <label>From <input type="date" name="from" value="{{FROM}}" min="{{DATA_FIRST}}" max="{{DATA_LAST}}"></label>
    <label>To <input type="date" name="to" value="{{TO}}" min="{{DATA_FIRST}}" max="{{DATA_LAST}}"></label>
    <p class="hint">Data from {{DATA_FIRST}} to {{DATA_LAST}}</p>
  </fieldset>
  <fieldset>
    <legend>Other</legend>
    <label>Influencer id <input type="text" name="influencer" value="{{INFLUENCER}}" maxlength="200"></label>
    <label>Baseline ROAS <input type="number" name="baseline" value="{{BASELINE}}" min="0" max="1000" step="0.01"></label>
    <label>Trend grain <select name="grain"><option value="">automatic</option>{{#GRAIN_OPTION}}<option value="{{GRAIN}}"{{#GRAIN_SELECTED}} selected{{/GRAIN_SELECTED}}>{{GRAIN}}</option>{{/GRAIN_OPTION}}</select></label>
  </fieldset>
  </div>
  <p><button type="submit">Apply filters</button> <a href="{{PATH}}">Clear all</a></p>
</form>
</details>
</section>
