import Foundation
import Hummingbird
import MutasiDomain
import MutasiServices

/// Transfer plans of a tenant: create (202, built in the background), list, read, moves, and
/// the exact instance each was built from.
struct PlanController {
    let services: Services

    struct CreateBody: Decodable {
        var name: String
        /// The fields the plan sets itself; the others come from the tenant's plan settings.
        var policy: PlanPolicy.Overrides?
        /// A closed preference campaign whose forms the plan honours.
        var campaignID: UUID?
        /// A plan from a campaign this one redoes.
        var replanOf: UUID?
    }
    static let notFound = DomainError.notFound("plan.not_found", "Plan not found.")

    func register(_ group: RouterGroup<AppRequestContext>, _ table: RouteTable) {
        let plans = services.plans
        table.on(group, prefix: "/v1", "tenants/{tenantID}/plans", method: .post) { request, context in
            let tenantID = try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant)
            let body = try await request.decode(as: CreateBody.self, context: context)
            let status = try await plans.create(actor: try context.requirePrincipal(), tenantID: tenantID,
                                                name: body.name, policy: body.policy ?? PlanPolicy.Overrides(), campaignID: body.campaignID,
                                                replanOf: body.replanOf, idempotencyKey: HTTPInput.idempotencyKey(request))
            return Self.describedByModel(try HTTPInput.json(status, status: .accepted,
                                      location: "/v1/tenants/\(tenantID.lowercased)/plans/\(status.plan.id.lowercased)"))
        }
        table.on(group, prefix: "/v1", "tenants/{tenantID}/plans", method: .get) { request, context in
            let tenantID = try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant)
            return Self.describedByModel(try HTTPInput.json(try await plans.list(actor: try context.requirePrincipal(),
                                                                                 tenantID: tenantID, page: try HTTPInput.page(request))))
        }
        table.on(group, prefix: "/v1", "tenants/{tenantID}/plans/{planID}", method: .get) { _, context in
            let (tenantID, planID) = try Self.ids(context)
            let status = try await plans.get(actor: try context.requirePrincipal(), tenantID: tenantID, id: planID)
            return Self.describedByModel(try HTTPInput.json(status, etag: status.plan.version))
        }
        table.on(group, prefix: "/v1", "tenants/{tenantID}/plans/{planID}/moves", method: .get) { request, context in
            let (tenantID, planID) = try Self.ids(context)
            let answer = try QueryValues.choice(request, "answer", AnswerCounts.Filter.self)
            let dropped = try QueryValues.bool(request, "dropped")
            let filter = MoveFilter(fromAgencyID: try QueryValues.uuid(request, "fromAgency"),
                                    toAgencyID: try QueryValues.uuid(request, "toAgency"), kind: HTTPInput.string(request, "kind"))
            return try HTTPInput.json(try await plans.moves(actor: try context.requirePrincipal(), tenantID: tenantID,
                                                            id: planID, answer: answer, dropped: dropped, filter: filter,
                                                            page: try HTTPInput.page(request)))
        }
        table.on(group, prefix: "/v1", "tenants/{tenantID}/plans/{planID}/instance", method: .get) { _, context in
            let (tenantID, planID) = try Self.ids(context)
            let json = try await plans.instance(actor: try context.requirePrincipal(), tenantID: tenantID, id: planID)
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: json)))
        }
    }

    /// Plan responses link the published planning model they are built under.
    static func describedByModel(_ response: Response) -> Response {
        var response = response
        response.headers[.init("Link")!] = PlanModelReference.current.linkHeader
        return response
    }

    static func ids(_ context: AppRequestContext) throws -> (UUID, UUID) {
        (try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant),
         try HTTPInput.id(context, "planID", notFound: notFound))
    }
}
