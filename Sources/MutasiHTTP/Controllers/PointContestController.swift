import Foundation
import Hummingbird
import MutasiDomain
import MutasiServices

/// Contests of priority points (sanggahan poin) in a campaign: the employee files and follows
/// their own; staff read them; tenant admins decide them.
struct PointContestController {
    let services: Services

    static let notFound = DomainError.notFound("contest.not_found", "Point contest not found.")

    func register(_ group: RouterGroup<AppRequestContext>, _ table: RouteTable) {
        let contests = services.contests
        let base = "tenants/{tenantID}/campaigns/{campaignID}"
        table.on(group, prefix: "/v1", base + "/points/me/contests", method: .post) { request, context in
            let (tenantID, campaignID) = try CampaignController.ids(context)
            let input = try await request.decode(as: PointContestService.Input.self, context: context)
            let contest = try await contests.file(actor: try context.requirePrincipal(), tenantID: tenantID, campaignID: campaignID,
                                                  input, idempotencyKey: HTTPInput.idempotencyKey(request))
            return try HTTPInput.json(contest, status: .created, etag: contest.version, location: Self.location(contest))
        }
        table.on(group, prefix: "/v1", base + "/points/me/contests", method: .get) { request, context in
            let (tenantID, campaignID) = try CampaignController.ids(context)
            return try HTTPInput.json(try await contests.mine(actor: try context.requirePrincipal(), tenantID: tenantID,
                                                              campaignID: campaignID, page: try HTTPInput.page(request)))
        }
        table.on(group, prefix: "/v1", base + "/contests", method: .get) { request, context in
            let (tenantID, campaignID) = try CampaignController.ids(context)
            let state = try QueryValues.choice(request, "state", PointContest.State.self)
            return try HTTPInput.json(try await contests.list(actor: try context.requirePrincipal(), tenantID: tenantID,
                                                              campaignID: campaignID, state: state,
                                                              page: try HTTPInput.page(request)))
        }
        table.on(group, prefix: "/v1", base + "/contests/{contestID}", method: .get) { _, context in
            let (tenantID, campaignID) = try CampaignController.ids(context)
            let id = try HTTPInput.id(context, "contestID", notFound: Self.notFound)
            let contest = try await contests.get(actor: try context.requirePrincipal(), tenantID: tenantID, campaignID: campaignID,
                                                 id: id)
            return try HTTPInput.json(contest, etag: contest.version)
        }
        table.on(group, prefix: "/v1", base + "/contests/{contestID}/decision", method: .post) { request, context in
            let (tenantID, campaignID) = try CampaignController.ids(context)
            let id = try HTTPInput.id(context, "contestID", notFound: Self.notFound)
            let version = try HTTPInput.expectedVersion(request)
            let input = try await request.decode(as: PointContestService.DecisionInput.self, context: context)
            let contest = try await contests.decide(actor: try context.requirePrincipal(), tenantID: tenantID,
                                                    campaignID: campaignID, id: id, input, expectedVersion: version)
            return try HTTPInput.json(contest, etag: contest.version)
        }
    }

    static func location(_ c: PointContest) -> String {
        "/v1/tenants/\(c.tenantID.lowercased)/campaigns/\(c.campaignID.lowercased)/contests/\(c.id.lowercased)"
    }
}
