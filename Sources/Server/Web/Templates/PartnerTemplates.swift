extension Templates {
    static let inbox = #"""
    {{<layout}}
    {{$main}}
    <p>{{waiting}}
      {{#showingAll}}[[inbox.showing_all]] <a href="{{showOpenHref}}">[[inbox.show_open]]</a>.{{/showingAll}}
      {{^showingAll}}[[inbox.showing_open]] <a href="{{showAllHref}}">[[inbox.show_all]]</a>.{{/showingAll}}</p>
    <form method="get" action="/partner/inbox" class="actions" role="search" aria-label="[[inbox.search_label]]">
      {{#showingAll}}<input type="hidden" name="show" value="all">{{/showingAll}}
      <label for="inbox-q">[[inbox.search_field]] <input type="text" id="inbox-q" name="q" value="{{search}}"></label>
      <button type="submit">[[common.search]]</button>
    </form>
    {{#range}}<p class="muted">{{range}}</p>{{/range}}
    {{#hasItems}}
    <ul class="cards" aria-label="[[inbox.list_label]]">
      {{#items}}
      <li class="card">
        {{#row}}
        <h2><a href="{{href}}">{{barrier}}</a> · <span class="state {{stateClass}}">{{state}}</span></h2>
        <p class="muted">[[inbox.referral_number]] <span class="referral-number">{{id}}</span></p>
        <dl class="facts">
          <dt>[[fact.service]]</dt><dd><a href="{{serviceHref}}">{{service}}</a></dd>
          <dt>[[fact.from]]</dt><dd>{{school}}</dd>
          {{#coordinator}}<dt>[[contact.coordinator]]</dt><dd>{{>coordinator-contact}}</dd>{{/coordinator}}
          <dt>[[fact.sent]]</dt><dd>{{sent}}</dd>
          {{#intakeDate}}<dt>[[fact.intake]]</dt><dd>{{intakeDate}}</dd>{{/intakeDate}}
          {{#expectedWait}}<dt>[[fact.expected_wait]]</dt><dd>{{expectedWait}}</dd>{{/expectedWait}}
          {{#followUpMessage}}<dt>[[fact.follow_up]]</dt><dd>{{followUpMessage}}</dd>{{/followUpMessage}}
          {{#note}}<dt>[[fact.note]]</dt><dd>{{note}}</dd>{{/note}}
        </dl>
        {{#hasStudentFacts}}
        <h3>[[inbox.shared_student]]</h3>
        <dl class="facts">{{#studentFacts}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/studentFacts}}</dl>
        {{/hasStudentFacts}}
        {{#nothingShared}}<p class="muted">[[inbox.nothing_shared]]</p>{{/nothingShared}}
        {{#hasFamilyContact}}
        <h3>[[family_contact.heading]]</h3>
        <dl class="facts">{{#familyContact}}<dt>{{label}}</dt><dd>{{#href}}<a href="{{href}}">{{value}}</a>{{/href}}{{^href}}{{value}}{{/href}}</dd>{{/familyContact}}</dl>
        {{/hasFamilyContact}}
        {{/row}}
        {{#hasActions}}{{>action-forms}}{{/hasActions}}
      </li>
      {{/items}}
    </ul>
    <p>{{#previousHref}}<a href="{{previousHref}}">[[common.previous_page]]</a> {{/previousHref}}{{#nextHref}}<a href="{{nextHref}}">[[common.next_page]]</a>{{/nextHref}}</p>
    {{/hasItems}}
    {{^hasItems}}<p>[[inbox.empty]]</p>{{/hasItems}}
    {{/main}}
    {{/layout}}
    """#

    static let availability = #"""
    {{<layout}}
    {{$main}}
    {{#choosesOrganization}}
    <form method="get" action="/partner/services" class="actions">
      <label for="organization">[[fact.organization]] <select id="organization" name="organization">{{#organizations}}<option value="{{value}}">{{label}}</option>{{/organizations}}</select></label>
      <button type="submit">[[availability.show_services]]</button>
    </form>
    {{/choosesOrganization}}
    {{#organizationName}}<p>[[availability.tell_1]] <strong>{{organizationName}}</strong> [[availability.tell_2]]</p>{{/organizationName}}
    {{#forms}}
    <section class="card" id="service-{{id}}" aria-labelledby="service-{{id}}-name">
      <h2 id="service-{{id}}-name">{{name}}</h2>
      <p class="muted">[[availability.last_verified]] {{lastVerified}}</p>
      {{#formError}}<p class="error" role="alert">{{formError}}</p>{{/formError}}
      {{#formNotice}}<p class="notice" role="status">{{formNotice}}</p>{{/formNotice}}
      <form method="post" action="/partner/services/{{id}}/availability" class="stack">
        <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
        <label for="{{id}}-enrollment">[[availability.enrollment]]</label>
        <select id="{{id}}-enrollment" name="enrollment">{{#statuses}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/statuses}}</select>
        <label for="{{id}}-weeks">[[availability.weeks]]</label>
        <input type="number" id="{{id}}-weeks" name="waitlist_weeks" min="0" max="104" value="{{waitlistWeeks}}">
        <label for="{{id}}-capacity">[[availability.capacity]]</label>
        <input type="number" id="{{id}}-capacity" name="capacity" min="0" value="{{capacity}}">
        <input type="hidden" name="intake_methods_listed" value="yes">
        <fieldset>
          <legend>[[availability.intake]]</legend>
          {{#methods}}<label><input type="checkbox" name="intake_method" value="{{value}}"{{#selected}} checked{{/selected}}> {{label}}</label>{{/methods}}
        </fieldset>
        <p><button type="submit">[[availability.save]]<span class="visually-hidden"> [[common.for]] {{name}}</span></button></p>
      </form>
    </section>
    {{/forms}}
    {{^hasForms}}{{^choosesOrganization}}<p>[[availability.none]]</p>{{/choosesOrganization}}{{/hasForms}}
    {{/main}}
    {{/layout}}
    """#
}
