extension Templates {
    static let inbox = #"""
    {{<layout}}
    {{$main}}
    <p>{{waiting}}
      {{#showingAll}}Showing every referral. <a href="{{showOpenHref}}">Show only open ones</a>.{{/showingAll}}
      {{^showingAll}}Showing open referrals. <a href="{{showAllHref}}">Show all, including closed</a>.{{/showingAll}}</p>
    <form method="get" action="/partner/inbox" class="actions" role="search" aria-label="Search the inbox">
      {{#showingAll}}<input type="hidden" name="show" value="all">{{/showingAll}}
      <label for="inbox-q">Referral number, need, service or school <input type="text" id="inbox-q" name="q" value="{{search}}"></label>
      <button type="submit">Search</button>
    </form>
    {{#range}}<p class="muted">{{range}}</p>{{/range}}
    {{#hasItems}}
    <ul class="cards" aria-label="Referrals">
      {{#items}}
      <li class="card">
        {{#row}}
        <h2><a href="{{href}}">{{barrier}}</a> · <span class="state {{stateClass}}">{{state}}</span></h2>
        <p class="muted">{{words.referralNumber}} <span class="referral-number">{{id}}</span></p>
        <dl class="facts">
          <dt>Service</dt><dd><a href="{{serviceHref}}">{{service}}</a></dd>
          <dt>From</dt><dd>{{school}}</dd>
          {{#coordinator}}<dt>{{words.coordinator}}</dt><dd>{{>coordinator-contact}}</dd>{{/coordinator}}
          <dt>Sent</dt><dd>{{sent}}</dd>
          {{#intakeDate}}<dt>Intake</dt><dd>{{intakeDate}}</dd>{{/intakeDate}}
          {{#expectedWait}}<dt>{{words.expectedWait}}</dt><dd>{{expectedWait}}</dd>{{/expectedWait}}
          {{#followUpMessage}}<dt>Follow-up</dt><dd>{{followUpMessage}}</dd>{{/followUpMessage}}
          {{#note}}<dt>{{words.note}}</dt><dd>{{note}}</dd>{{/note}}
        </dl>
        {{#hasStudentFacts}}
        <h3>{{words.sharedStudent}}</h3>
        <dl class="facts">{{#studentFacts}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/studentFacts}}</dl>
        {{/hasStudentFacts}}
        {{#nothingShared}}<p class="muted">{{words.nothingShared}}</p>{{/nothingShared}}
        {{/row}}
        {{#hasActions}}{{>action-forms}}{{/hasActions}}
      </li>
      {{/items}}
    </ul>
    <p>{{#previousHref}}<a href="{{previousHref}}">Previous page</a> {{/previousHref}}{{#nextHref}}<a href="{{nextHref}}">Next page</a>{{/nextHref}}</p>
    {{/hasItems}}
    {{^hasItems}}<p>No referrals here.</p>{{/hasItems}}
    {{/main}}
    {{/layout}}
    """#

    static let availability = #"""
    {{<layout}}
    {{$main}}
    {{#choosesOrganization}}
    <form method="get" action="/partner/services" class="actions">
      <label for="organization">Organization <select id="organization" name="organization">{{#organizations}}<option value="{{value}}">{{label}}</option>{{/organizations}}</select></label>
      <button type="submit">Show its services</button>
    </form>
    {{/choosesOrganization}}
    {{#organizationName}}<p>Tell schools whether <strong>{{organizationName}}</strong> has room. Coordinators see your answer in their next search.</p>{{/organizationName}}
    {{#forms}}
    <section class="card" id="service-{{id}}" aria-labelledby="service-{{id}}-name">
      <h2 id="service-{{id}}-name">{{name}}</h2>
      <p class="muted">Last verified {{lastVerified}}</p>
      {{#formError}}<p class="error" role="alert">{{formError}}</p>{{/formError}}
      {{#formNotice}}<p class="notice" role="status">{{formNotice}}</p>{{/formNotice}}
      <form method="post" action="/partner/services/{{id}}/availability" class="stack">
        <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
        <label for="{{id}}-enrollment">Enrollment</label>
        <select id="{{id}}-enrollment" name="enrollment">{{#statuses}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/statuses}}</select>
        <label for="{{id}}-weeks">Waitlist, in weeks (when on a waitlist)</label>
        <input type="number" id="{{id}}-weeks" name="waitlist_weeks" min="0" max="104" value="{{waitlistWeeks}}">
        <label for="{{id}}-capacity">Places open now</label>
        <input type="number" id="{{id}}-capacity" name="capacity" min="0" value="{{capacity}}">
        <input type="hidden" name="intake_methods_listed" value="yes">
        <fieldset>
          <legend>How families start (intake)</legend>
          {{#methods}}<label><input type="checkbox" name="intake_method" value="{{value}}"{{#selected}} checked{{/selected}}> {{label}}</label>{{/methods}}
        </fieldset>
        <p><button type="submit">Save availability<span class="visually-hidden"> for {{name}}</span></button></p>
      </form>
    </section>
    {{/forms}}
    {{^hasForms}}{{^choosesOrganization}}<p>Your organization has no active services in the directory.</p>{{/choosesOrganization}}{{/hasForms}}
    {{/main}}
    {{/layout}}
    """#
}
