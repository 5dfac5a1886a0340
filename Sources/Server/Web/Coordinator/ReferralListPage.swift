import Foundation
import Hummingbird
import Referrals
import Storage
import Workflows

/// A coordinator's referrals, all of them in their schools, filtered by state (issue 22, item 6):
/// the home page shows only the newest, the student page only one student's.
struct ReferralListPage: Sendable {
    let services: WebServices
    /// The most rows one page shows (the list use case's largest page).
    static let limit = 500

    struct Page {
        let frame: PageFrame
        let states: [Option]
        let count: Int
        let countText: String
        let rows: [ReferralRow]
        let hasRows: Bool
        let cut: Bool
    }

    @Sendable func show(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireRole(CoordinatorPages.roles, request)
        let form = context.queryForm(request)
        var problems: [String] = []
        let states = form.all("state").compactMap { text -> ReferralState? in
            guard let state = ReferralState(rawValue: text) else { problems.append("'\(text)' is not a referral state"); return nil }
            return state
        }
        let found = problems.isEmpty
            ? try await services.useCases.lists.list(ReferralFilter(states: states, limit: Self.limit), visibleTo: user, now: services.clock())
            : []
        let rows = try await ReferralRowBuilder(services: services).rows(found, for: user)
        return services.renderer.render("referral-list", Page(
            frame: PageFrame(title: context.words.t("list.title"), context: context, path: request.uri.path,
                             error: problems.isEmpty ? nil : context.words.t("list.check", ["problems": problems.joined(separator: "; ")])),
            states: Option.list(ReferralState.self, chosen: form.all("state"), label: Labels.state),
            count: rows.count, countText: Labels.count(rows.count, "referral"), rows: rows, hasRows: !rows.isEmpty, cut: rows.count >= Self.limit),
            status: problems.isEmpty ? .ok : .unprocessableContent)
    }
}

extension Templates {
    static let referralList = #"""
    {{<layout}}
    {{$main}}
    <form method="get" action="/coordinator/referrals" aria-label="[[list.filters]]">
      <fieldset>
        <legend>[[list.show_that_are]]</legend>
        {{#states}}<label><input type="checkbox" name="state" value="{{value}}"{{#selected}} checked{{/selected}}> {{label}}</label>{{/states}}
      </fieldset>
      <p><button type="submit">[[dashboard.show]]</button> <a href="/coordinator/referrals">[[list.every_state]]</a></p>
    </form>
    <h2 id="list">{{countText}}{{#cut}} [[list.cut]]{{/cut}}</h2>
    {{#hasRows}}
    <table class="stack" aria-labelledby="list">
      <thead><tr><th scope="col">[[col.student]]</th><th scope="col">[[col.barrier]]</th><th scope="col">[[col.service]]</th><th scope="col">[[col.state]]</th><th scope="col">[[col.created]]</th><th scope="col">[[fact.follow_up]]</th></tr></thead>
      <tbody>
      {{#rows}}
      <tr><td data-label="[[col.student]]"><a href="{{href}}">{{studentLabel}}</a></td><td data-label="[[col.barrier]]">{{barrier}}</td><td data-label="[[col.service]]"><a href="{{serviceHref}}">{{service}}</a></td>
          <td data-label="[[col.state]]"><span class="state {{stateClass}}">{{state}}</span></td><td class="date" data-label="[[col.created]]">{{created}}</td><td data-label="[[fact.follow_up]]">{{followUpMessage}}</td></tr>
      {{/rows}}
      </tbody>
    </table>
    {{/hasRows}}
    {{^hasRows}}<p>[[list.none]]</p>{{/hasRows}}
    {{/main}}
    {{/layout}}
    """#
}
