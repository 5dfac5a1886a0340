extension Templates {
    /// The coordinator's start: what is overdue, what was sent lately, and the next steps.
    static let coordinatorHome = #"""
    {{<layout}}
    {{$main}}
    <p><a class="button" href="/coordinator/match">[[home.match]]</a>
       <a class="button" href="/coordinator/services">[[home.find]]</a>
       <a class="button" href="/coordinator/students/new">[[home.register]]</a></p>
    <h2>[[home.followups_due]] ({{dueCount}})</h2>
    {{^hasDue}}<p>[[home.nothing_due]]</p>{{/hasDue}}
    {{#hasDue}}
    <table class="stack">
      <caption>[[home.oldest_followups]] <a href="/coordinator/followups">[[common.see_all]]</a></caption>
      <thead><tr><th scope="col">[[col.student]]</th><th scope="col">[[col.barrier]]</th><th scope="col">[[col.service]]</th><th scope="col">[[col.due_since]]</th><th scope="col">[[col.what_to_do]]</th></tr></thead>
      <tbody>
      {{#due}}
      <tr><td data-label="[[col.student]]"><a href="{{href}}">{{studentLabel}}</a></td><td data-label="[[col.barrier]]">{{barrier}}</td><td data-label="[[col.service]]">{{service}}</td><td class="date" data-label="[[col.due_since]]">{{followUpSince}}</td><td data-label="[[col.what_to_do]]">{{followUpMessage}}</td></tr>
      {{/due}}
      </tbody>
    </table>
    {{/hasDue}}
    <h2>[[home.recent]]</h2>
    {{#hasRecent}}
    <table class="stack">
      <caption>[[home.newest]] <a href="/coordinator/referrals">[[home.see_all_by_state]]</a></caption>
      <thead><tr><th scope="col">[[col.student]]</th><th scope="col">[[col.barrier]]</th><th scope="col">[[col.service]]</th><th scope="col">[[col.organization]]</th><th scope="col">[[col.state]]</th><th scope="col">[[col.created]]</th></tr></thead>
      <tbody>
      {{#recent}}
      <tr><td data-label="[[col.student]]"><a href="{{href}}">{{studentLabel}}</a></td><td data-label="[[col.barrier]]">{{barrier}}</td><td data-label="[[col.service]]">{{service}}</td><td data-label="[[col.organization]]">{{organization}}</td><td data-label="[[col.state]]"><span class="state {{stateClass}}">{{state}}</span></td><td class="date" data-label="[[col.created]]">{{created}}</td></tr>
      {{/recent}}
      </tbody>
    </table>
    {{/hasRecent}}
    {{^hasRecent}}<p>[[home.no_referrals]]</p>{{/hasRecent}}
    {{/main}}
    {{/layout}}
    """#

    static let followUps = #"""
    {{<layout}}
    {{$main}}
    <p>{{attention}} [[followups.never_auto]]</p>
    {{#hasRows}}
    <table class="stack">
      <caption>[[followups.caption]]</caption>
      <thead><tr><th scope="col">[[col.student]]</th><th scope="col">[[col.barrier]]</th><th scope="col">[[col.service]]</th><th scope="col">[[col.organization]]</th><th scope="col">[[col.state]]</th><th scope="col">[[col.due_since]]</th><th scope="col">[[col.what_to_do]]</th></tr></thead>
      <tbody>
      {{#rows}}
      <tr><td data-label="[[col.student]]"><a href="{{href}}">{{studentLabel}}</a></td><td data-label="[[col.barrier]]">{{barrier}}</td><td data-label="[[col.service]]">{{service}}</td><td data-label="[[col.organization]]">{{organization}}</td>
          <td data-label="[[col.state]]"><span class="state {{stateClass}}">{{state}}</span></td><td class="date" data-label="[[col.due_since]]">{{followUpSince}}</td><td data-label="[[col.what_to_do]]">{{followUpMessage}}</td></tr>
      {{/rows}}
      </tbody>
    </table>
    {{/hasRows}}
    {{#hasPhoneCheckIns}}
    <h2>[[phone_checkin.list_heading]]</h2>
    <ul>{{#phoneCheckIns}}<li><a href="{{href}}">{{text}}</a></li>{{/phoneCheckIns}}</ul>
    {{/hasPhoneCheckIns}}
    {{/main}}
    {{/layout}}
    """#

    static let services = #"""
    {{<layout}}
    {{$main}}
    <form method="get" action="/coordinator/services" aria-label="[[services.filters]]">
      <div class="filters">
        <div><label for="q">[[services.keyword]]</label><input type="text" id="q" name="q" value="{{keyword}}"></div>
        <div><label for="domain">[[services.domain]]</label><select id="domain" name="domain"><option value="">[[services.any_domain]]</option>{{#domains}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/domains}}</select></div>
        <div><label for="intensity">[[services.level]]</label><select id="intensity" name="intensity"><option value="">[[services.any_level]]</option>{{#intensities}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/intensities}}</select></div>
        <div><label for="age">[[services.age]]</label><input type="number" id="age" name="age" min="0" max="120" value="{{age}}"></div>
        <div><label for="language">[[services.language]]</label><select id="language" name="language"><option value="">[[services.any_language]]</option>{{#languages}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/languages}}</select></div>
        <div><label for="insurance">[[form.insurance]]</label><select id="insurance" name="insurance"><option value="">[[services.any_coverage]]</option>{{#insurances}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/insurances}}</select></div>
        <div><label for="setting">[[services.setting]]</label><select id="setting" name="setting"><option value="">[[services.any_setting]]</option>{{#settings}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/settings}}</select></div>
        <div><label for="enrollment">[[availability.enrollment]]</label><select id="enrollment" name="enrollment"><option value="">[[services.any]]</option>{{#enrollments}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/enrollments}}</select></div>
        <div><label for="near_school">[[services.near_school]]</label><select id="near_school" name="near_school"><option value="">[[services.anywhere]]</option>{{#schools}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/schools}}</select></div>
        <div><label for="radius_km">[[services.within_km]]</label><input type="number" id="radius_km" name="radius_km" min="0.1" max="500" step="0.1" value="{{radius}}"></div>
      </div>
      <p><button type="submit">[[common.search]]</button> <a href="/coordinator/services">[[services.clear]]</a></p>
    </form>
    <h2 id="results">[[services.results]] ({{resultCount}}{{#nextHref}}+{{/nextHref}})</h2>
    {{#nearestFirst}}<p class="muted">[[services.nearest]]</p>{{/nearestFirst}}
    {{#hasResults}}
    <ul class="cards" aria-labelledby="results">
      {{#results}}
      <li class="card">
        <h3><a href="{{serviceHref}}">{{name}}</a></h3>
        <p class="muted">{{organization}}</p>
        <p>{{description}}</p>
        <dl class="facts">
          <dt>[[services.domains]]</dt><dd>{{domains}}</dd>
          <dt>[[services.level_short]]</dt><dd>{{intensity}}</dd>
          <dt>[[service.ages]]</dt><dd>{{ages}}</dd>
          <dt>[[service.languages]]</dt><dd>{{languages}}</dd>
          <dt>[[service.cost]]</dt><dd>{{cost}}</dd>
          <dt>[[availability.enrollment]]</dt><dd>{{enrollment}}</dd>
          {{#distance}}<dt>[[services.distance]]</dt><dd>{{distance}}</dd>{{/distance}}
        </dl>
        <p><a class="button" href="{{referHref}}">[[services.refer]]<span class="visually-hidden"> [[common.to]] {{name}}</span></a></p>
      </li>
      {{/results}}
    </ul>
    {{#nextHref}}<p><a href="{{nextHref}}">[[services.next]]</a></p>{{/nextHref}}
    {{/hasResults}}
    {{^hasResults}}<p>[[services.none]] <a href="/coordinator/match">[[referral_new.match_link]]</a> [[services.none_2]]</p>{{/hasResults}}
    {{/main}}
    {{/layout}}
    """#

    static let match = #"""
    {{<layout}}
    {{$main}}
    <form method="get" action="/coordinator/match#results" class="stack" aria-label="[[match.form_label]]">
      <input type="hidden" name="run" value="1">
      <p class="muted">[[match.help]]</p>
      <label for="student">[[match.student]]</label>
      <select id="student" name="student"><option value="">[[match.no_student]]</option>{{#students}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/students}}</select>
      <fieldset>
        <legend>[[match.barriers]]</legend>
        {{#barriers}}<label><input type="checkbox" name="barrier" value="{{value}}"{{#selected}} checked{{/selected}}> {{label}}</label>{{/barriers}}
      </fieldset>
      <fieldset>
        <legend>[[form.tier]]</legend>
        {{#tiers}}<label><input type="radio" name="tier" value="{{value}}"{{#selected}} checked{{/selected}}> {{label}}</label>{{/tiers}}
      </fieldset>
      <div class="filters">
        <div><label for="age">[[form.age]]</label><input type="number" id="age" name="age" min="0" max="25" value="{{age}}"></div>
        <div><label for="insurance">[[form.insurance]]</label><select id="insurance" name="insurance"><option value="">[[form.not_stated]]</option>{{#insurances}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/insurances}}</select></div>
        <div><label for="transportation">[[match.getting_there]]</label><select id="transportation" name="transportation">{{#transportations}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/transportations}}</select></div>
        <div><label for="near_school">[[match.lives_near]]</label><select id="near_school" name="near_school"><option value="">[[form.not_stated]]</option>{{#schools}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/schools}}</select></div>
      </div>
      <fieldset>
        <legend>[[form.family_languages]]</legend>
        {{#languages}}<label><input type="checkbox" name="language" value="{{value}}"{{#selected}} checked{{/selected}}> {{label}}</label>{{/languages}}
      </fieldset>
      <fieldset>
        <legend>[[match.free_times]]</legend>
        {{#times}}<label><input type="checkbox" name="time" value="{{value}}"{{#selected}} checked{{/selected}}> {{label}}</label>{{/times}}
      </fieldset>
      <fieldset>
        <legend>[[match.settings]]</legend>
        {{#settings}}<label><input type="checkbox" name="setting" value="{{value}}"{{#selected}} checked{{/selected}}> {{label}}</label>{{/settings}}
      </fieldset>
      <p><button type="submit">[[match.submit]]</button></p>
    </form>
    {{#ran}}
    <h2 id="results" tabindex="-1">[[match.suggestions]]</h2>
    {{#hasGaps}}
    <h3>[[match.gaps]]</h3>
    {{#gaps}}<p class="gap"><strong>{{barrier}}:</strong> {{reason}}</p>{{/gaps}}
    {{/hasGaps}}
    {{#results}}
    <h3>{{barrier}}</h3>
    {{#hasServices}}
    <ol class="cards">
      {{#services}}
      <li class="card">
        <h4>{{rank}}. <a href="{{serviceHref}}">{{name}}</a></h4>
        <p class="muted">{{organization}} · [[match.score]] {{score}}</p>
        <ul class="reasons">{{#reasons}}<li>{{.}}</li>{{/reasons}}</ul>
        {{#filters}}<p class="muted">[[match.passed]] {{filters}}</p>{{/filters}}
        <p><a class="button" href="{{referHref}}">[[match.refer]]<span class="visually-hidden"> [[common.to]] {{name}}</span></a></p>
      </li>
      {{/services}}
    </ol>
    {{/hasServices}}
    {{^hasServices}}<p>[[match.no_service]]</p>{{/hasServices}}
    {{/results}}
    {{/ran}}
    {{/main}}
    {{/layout}}
    """#
}
