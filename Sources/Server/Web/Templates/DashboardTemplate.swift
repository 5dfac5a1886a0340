extension Templates {
    /// Charts are SVG the server drew (`{{{svg}}}` unescaped on purpose: `SVGCharts` escapes every
    /// text it puts in); each is followed by its numbers as a table for screen readers and copying.
    static let dashboard = #"""
    {{<layout}}
    {{$main}}
    <form method="get" action="/district" class="actions" aria-label="Report filters">
      <label for="from">From <input type="date" id="from" name="from" value="{{from}}"></label>
      <label for="through">Through <input type="date" id="through" name="through" value="{{through}}"></label>
      <label for="school">School <select id="school" name="school"><option value="">All schools</option>{{#schools}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/schools}}</select></label>
      <button type="submit">Show</button>
    </form>
    <p>Referrals sent from {{from}} through {{through}}, {{schoolName}}. A referral counts when the family reaches the service, not when it is sent.
       Cells standing for fewer than 10 students read “&lt;10”.</p>
    <p>Download the report as CSV: <a href="{{csvBySchoolHref}}">by school</a> · <a href="{{csvByBarrierHref}}">by barrier</a> · <a href="{{csvByMonthHref}}">by month</a></p>
    {{#content}}
    <h2>At a glance</h2>
    <ul class="figures">
      {{#figures}}<li id="{{id}}"><span class="value">{{value}}</span> {{label}}</li>{{/figures}}
    </ul>
    <h2>Charts</h2>
    <div class="charts">
      {{#charts}}
      <figure aria-labelledby="{{id}}-caption">
        <figcaption id="{{id}}-caption">{{caption}}</figcaption>
        {{{svg}}}
        {{#note}}<p class="muted">{{note}}</p>{{/note}}
        <details>
          <summary>The numbers<span class="visually-hidden"> for {{caption}}</span></summary>
          <table>
            <thead><tr>{{#columns}}<th scope="col">{{.}}</th>{{/columns}}</tr></thead>
            <tbody>{{#rows}}<tr><th scope="row">{{header}}</th>{{#cells}}<td>{{.}}</td>{{/cells}}</tr>{{/rows}}</tbody>
          </table>
        </details>
      </figure>
      {{/charts}}
    </div>
    <h2>Where needs go unmet</h2>
    <h3>Declined for lack of capacity</h3>
    {{#hasNoCapacity}}
    <table>
      <thead><tr><th scope="col">Barrier</th><th scope="col">Referrals declined “no capacity”</th></tr></thead>
      <tbody>{{#noCapacity}}<tr><th scope="row">{{header}}</th>{{#cells}}<td>{{.}}</td>{{/cells}}</tr>{{/noCapacity}}</tbody>
    </table>
    {{/hasNoCapacity}}
    {{^hasNoCapacity}}<p>No referral in this period was declined for lack of capacity.</p>{{/hasNoCapacity}}
    <h3>Long waitlists</h3>
    {{#hasLongWaitlists}}
    <table>
      <thead><tr><th scope="col">Barrier</th><th scope="col">Longest wait</th><th scope="col">Services</th><th scope="col">Referrals waitlisted</th></tr></thead>
      <tbody>{{#longWaitlists}}<tr><th scope="row">{{header}}</th>{{#cells}}<td>{{.}}</td>{{/cells}}</tr>{{/longWaitlists}}</tbody>
    </table>
    {{/hasLongWaitlists}}
    {{^hasLongWaitlists}}<p>No service has a waitlist of four weeks or more.</p>{{/hasLongWaitlists}}
    {{/content}}
    {{/main}}
    {{/layout}}
    """#
}
