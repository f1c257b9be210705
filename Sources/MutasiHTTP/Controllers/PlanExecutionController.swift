import Foundation
import Hummingbird
import MutasiDomain
import MutasiServices

/// Carrying out a decreed plan on its TMT, the follow-up of each executed move (SPMT, mentor,
/// training plan) and the plan's report.
struct PlanExecutionController {
    let services: Services

    struct ReportBody: Decodable {
        var reportedOn: String
        enum CodingKeys: String, CodingKey, CaseIterable { case reportedOn }
        init(from decoder: any Decoder) throws {
            try StrictKeys.refuseUnknown(decoder, allowed: Set(CodingKeys.allCases.map(\.rawValue)))
            reportedOn = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .reportedOn)
        }
    }

    struct MentorBody: Decodable {
        var mentorID: UUID
        enum CodingKeys: String, CodingKey, CaseIterable { case mentorID }
        init(from decoder: any Decoder) throws {
            try StrictKeys.refuseUnknown(decoder, allowed: Set(CodingKeys.allCases.map(\.rawValue)))
            mentorID = try decoder.container(keyedBy: CodingKeys.self).decode(UUID.self, forKey: .mentorID)
        }
    }

    struct TrainingBody: Decodable {
        var items: [FollowUpService.ItemInput]
        enum CodingKeys: String, CodingKey, CaseIterable { case items }
        init(from decoder: any Decoder) throws {
            try StrictKeys.refuseUnknown(decoder, allowed: Set(CodingKeys.allCases.map(\.rawValue)))
            items = try decoder.container(keyedBy: CodingKeys.self).decode([FollowUpService.ItemInput].self, forKey: .items)
        }
    }

    static let moveNotFound = DomainError.notFound("move.not_found", "No move for this employee in this plan.")

    func register(_ group: RouterGroup<AppRequestContext>, _ table: RouteTable) {
        let (execution, followUp, reports) = (services.execution, services.followUp, services.planReports)
        let plan = "tenants/{tenantID}/plans/{planID}"
        let move = plan + "/moves/{employeeID}"
        table.on(group, prefix: "/v1", plan + "/execute", method: .post) { request, context in
            let (tenantID, planID) = try PlanController.ids(context)
            let version = try HTTPInput.expectedVersion(request)
            let result = try await execution.execute(actor: try context.requirePrincipal(), tenantID: tenantID, planID: planID,
                                                     expectedVersion: version)
            return try HTTPInput.json(result, etag: result.plan.version)
        }
        table.on(group, prefix: "/v1", plan + "/report", method: .get) { _, context in
            let (tenantID, planID) = try PlanController.ids(context)
            return try HTTPInput.json(try await reports.report(actor: try context.requirePrincipal(), tenantID: tenantID, planID: planID))
        }
        table.on(group, prefix: "/v1", move + "/spmt", method: .put) { request, context in
            let (tenantID, planID) = try PlanController.ids(context)
            let employeeID = try HTTPInput.id(context, "employeeID", notFound: Self.moveNotFound)
            let version = request.headers[.ifMatch] == nil ? nil : try HTTPInput.expectedVersion(request)
            let body = try await request.decode(as: ReportBody.self, context: context)
            let view = try await followUp.recordReport(actor: try context.requirePrincipal(), tenantID: tenantID, planID: planID,
                                                       employeeID: employeeID, reportedOn: body.reportedOn, expectedVersion: version)
            return try HTTPInput.json(view, etag: view.execution.version)
        }
        table.on(group, prefix: "/v1", move + "/follow-up", method: .get) { _, context in
            let (tenantID, planID) = try PlanController.ids(context)
            let employeeID = try HTTPInput.id(context, "employeeID", notFound: Self.moveNotFound)
            let view = try await followUp.get(actor: try context.requirePrincipal(), tenantID: tenantID, planID: planID, employeeID: employeeID)
            return try HTTPInput.json(view, etag: view.execution.version)
        }
        table.on(group, prefix: "/v1", move + "/follow-up/training", method: .put) { request, context in
            let (tenantID, planID) = try PlanController.ids(context)
            let employeeID = try HTTPInput.id(context, "employeeID", notFound: Self.moveNotFound)
            let version = try HTTPInput.expectedVersion(request)
            let body = try await request.decode(as: TrainingBody.self, context: context)
            let view = try await followUp.replaceTraining(actor: try context.requirePrincipal(), tenantID: tenantID, planID: planID,
                                                          employeeID: employeeID, items: body.items, expectedVersion: version)
            return try HTTPInput.json(view, etag: view.execution.version)
        }
        table.on(group, prefix: "/v1", move + "/follow-up/mentor", method: .put) { request, context in
            let (tenantID, planID) = try PlanController.ids(context)
            let employeeID = try HTTPInput.id(context, "employeeID", notFound: Self.moveNotFound)
            let version = request.headers[.ifMatch] == nil ? nil : try HTTPInput.expectedVersion(request)
            let body = try await request.decode(as: MentorBody.self, context: context)
            let view = try await followUp.nameMentor(actor: try context.requirePrincipal(), tenantID: tenantID, planID: planID,
                                                     employeeID: employeeID, mentorID: body.mentorID, expectedVersion: version)
            return try HTTPInput.json(view, etag: view.execution.version)
        }
    }
}
