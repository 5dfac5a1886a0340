extension Templates {
    /// Charts are SVG the server drew (`{{{svg}}}` unescaped on purpose: `SVGCharts` escapes every
    /// text it puts in); each is followed by its numbers as a table for screen readers and copying.
    static let dashboard = #"""
    {{<layout}}
    {{$main}}
    <form method="get" action="/district" class="actions" aria-label="[[dashboard.filters]]">
      <label for="from">[[dashboard.from]] <input type="date" id="from" name="from" value="{{from}}"></label>
      <label for="through">[[dashboard.through]] <input type="date" id="through" name="through" value="{{through}}"></label>
      <label for="school">[[dashboard.school]] <select id="school" name="school"><option value="">[[dashboard.all_schools]]</option>{{#schools}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/schools}}</select></label>
      <button type="submit">[[dashboard.show]]</button>
    </form>
    <p>[[dashboard.sent_from]] {{from}} [[dashboard.through_word]] {{through}}, {{schoolName}}. [[dashboard.counts_when]]
       [[dashboard.cells_hidden]]</p>
    <p>[[dashboard.download]] <a href="{{csvBySchoolHref}}">[[dashboard.by_school]]</a> · <a href="{{csvByBarrierHref}}">[[dashboard.by_barrier]]</a> · <a href="{{csvByMonthHref}}">[[dashboard.by_month]]</a></p>
    {{#content}}
    <h2>[[dashboard.glance]]</h2>
    <ul class="figures">
      {{#figures}}<li id="{{id}}"><span class="value">{{value}}</span> {{label}}</li>{{/figures}}
    </ul>
    <h2>[[dashboard.charts]]</h2>
    <div class="charts">
      {{#charts}}
      <figure aria-labelledby="{{id}}-caption">
        <figcaption id="{{id}}-caption">{{caption}}</figcaption>
        {{{svg}}}
        {{#note}}<p class="muted">{{note}}</p>{{/note}}
        <details>
          <summary>[[dashboard.numbers]]<span class="visually-hidden"> [[common.for]] {{caption}}</span></summary>
          <div class="table-scroll" role="region" aria-labelledby="{{id}}-caption" tabindex="0">
          <table>
            <thead><tr>{{#columns}}<th scope="col">{{.}}</th>{{/columns}}</tr></thead>
            <tbody>{{#rows}}<tr><th scope="row">{{header}}</th>{{#cells}}<td>{{.}}</td>{{/cells}}</tr>{{/rows}}</tbody>
          </table>
          </div>
        </details>
      </figure>
      {{/charts}}
    </div>
    <h2>[[dashboard.unmet]]</h2>
    <h3>[[dashboard.no_capacity]]</h3>
    {{#hasNoCapacity}}
    <div class="table-scroll" role="region" aria-label="[[dashboard.no_capacity]]" tabindex="0">
    <table>
      <thead><tr><th scope="col">[[col.barrier]]</th><th scope="col">[[dashboard.declined_col]]</th></tr></thead>
      <tbody>{{#noCapacity}}<tr><th scope="row">{{header}}</th>{{#cells}}<td>{{.}}</td>{{/cells}}</tr>{{/noCapacity}}</tbody>
    </table>
    </div>
    {{/hasNoCapacity}}
    {{^hasNoCapacity}}<p>[[dashboard.no_capacity_none]]</p>{{/hasNoCapacity}}
    <h3>[[dashboard.long_waitlists]]</h3>
    {{#hasLongWaitlists}}
    <div class="table-scroll" role="region" aria-label="[[dashboard.long_waitlists]]" tabindex="0">
    <table>
      <thead><tr><th scope="col">[[col.barrier]]</th><th scope="col">[[dashboard.longest_wait]]</th><th scope="col">[[dashboard.services_col]]</th><th scope="col">[[dashboard.waitlisted_col]]</th></tr></thead>
      <tbody>{{#longWaitlists}}<tr><th scope="row">{{header}}</th>{{#cells}}<td>{{.}}</td>{{/cells}}</tr>{{/longWaitlists}}</tbody>
    </table>
    </div>
    {{/hasLongWaitlists}}
    {{^hasLongWaitlists}}<p>[[dashboard.no_long_waitlists]]</p>{{/hasLongWaitlists}}
    {{/content}}
    {{/main}}
    {{/layout}}
    """#
}
