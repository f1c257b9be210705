import Foundation
import Hummingbird
import MutasiDomain
import MutasiRepositories
import MutasiServices

/// Units, slots, employees and the retirement-age table of a tenant.
struct WorkforceController {
    let services: Services

    struct PerformanceBody: Decodable { var ratings: [PerformanceRating] }

    func register(_ group: RouterGroup<AppRequestContext>, _ table: RouteTable) {
        let s = services
        let base = "tenants/{tenantID}"
        table.on(group, prefix: "/v1", "\(base)/units", method: .get) { request, context in
            let filter = WorkUnitFilter(agencyID: try QueryValues.uuid(request, "agencyID"), search: HTTPInput.string(request, "q"))
            return try HTTPInput.json(try await s.units.list(actor: try context.requirePrincipal(), tenantID: try Self.tenant(context),
                                                             filter: filter, page: try HTTPInput.keysetPage(request)))
        }
        table.on(group, prefix: "/v1", "\(base)/units", method: .post) { request, context in
            let body = try await request.decode(as: UnitService.Draft.self, context: context)
            let tenantID = try Self.tenant(context)
            let unit = try await s.units.create(actor: try context.requirePrincipal(), tenantID: tenantID, body)
            return try HTTPInput.json(unit, status: .created, etag: unit.version,
                                      location: "/v1/tenants/\(tenantID.lowercased)/units/\(unit.id.lowercased)")
        }
        table.on(group, prefix: "/v1", "\(base)/units/{unitID}", method: .get) { _, context in
            let unit = try await s.units.get(actor: try context.requirePrincipal(), tenantID: try Self.tenant(context),
                                             id: try HTTPInput.id(context, "unitID", notFound: Self.unitNotFound))
            return try HTTPInput.json(unit, etag: unit.version)
        }
        table.on(group, prefix: "/v1", "\(base)/units/{unitID}", method: .patch) { request, context in
            let (tenantID, id) = (try Self.tenant(context), try HTTPInput.id(context, "unitID", notFound: Self.unitNotFound))
            let version = try HTTPInput.expectedVersion(request)
            let body = try await request.decode(as: UnitService.Patch.self, context: context)
            let unit = try await s.units.update(actor: try context.requirePrincipal(), tenantID: tenantID, id: id, body,
                                                expectedVersion: version)
            return try HTTPInput.json(unit, etag: unit.version)
        }

        table.on(group, prefix: "/v1", "\(base)/slots", method: .get) { request, context in
            var kind: PositionKind?
            if let text = HTTPInput.string(request, "kind") { kind = try PositionKind(parsing: text, field: "kind") }
            let filter = SlotFilter(agencyID: try QueryValues.uuid(request, "agencyID"), unitID: try QueryValues.uuid(request, "unitID"),
                                    kind: kind, search: HTTPInput.string(request, "q"))
            return try HTTPInput.json(try await s.slots.list(actor: try context.requirePrincipal(), tenantID: try Self.tenant(context),
                                                             filter: filter, page: try HTTPInput.keysetPage(request)))
        }
        table.on(group, prefix: "/v1", "\(base)/slots", method: .post) { request, context in
            let body = try await request.decode(as: SlotService.Draft.self, context: context)
            let tenantID = try Self.tenant(context)
            let slot = try await s.slots.create(actor: try context.requirePrincipal(), tenantID: tenantID, body)
            return try HTTPInput.json(slot, status: .created, etag: slot.version,
                                      location: "/v1/tenants/\(tenantID.lowercased)/slots/\(slot.id.lowercased)")
        }
        table.on(group, prefix: "/v1", "\(base)/slots/{slotID}", method: .get) { _, context in
            let slot = try await s.slots.get(actor: try context.requirePrincipal(), tenantID: try Self.tenant(context),
                                             id: try HTTPInput.id(context, "slotID", notFound: Self.slotNotFound))
            return try HTTPInput.json(slot, etag: slot.version)
        }
        table.on(group, prefix: "/v1", "\(base)/slots/{slotID}", method: .patch) { request, context in
            let (tenantID, id) = (try Self.tenant(context), try HTTPInput.id(context, "slotID", notFound: Self.slotNotFound))
            let version = try HTTPInput.expectedVersion(request)
            let body = try await request.decode(as: SlotService.Patch.self, context: context)
            let slot = try await s.slots.update(actor: try context.requirePrincipal(), tenantID: tenantID, id: id, body,
                                                expectedVersion: version)
            return try HTTPInput.json(slot, etag: slot.version)
        }

        table.on(group, prefix: "/v1", "\(base)/employees", method: .get) { request, context in
            return try HTTPInput.json(try await s.employees.list(actor: try context.requirePrincipal(), tenantID: try Self.tenant(context),
                                                                 filter: try Self.employeeFilter(request), page: try HTTPInput.keysetPage(request)))
        }
        table.on(group, prefix: "/v1", "\(base)/employees", method: .post) { request, context in
            let body = try await request.decode(as: EmployeeService.Draft.self, context: context)
            let tenantID = try Self.tenant(context)
            let employee = try await s.employees.create(actor: try context.requirePrincipal(), tenantID: tenantID, body)
            return try HTTPInput.json(employee, status: .created, etag: employee.version,
                                      location: "/v1/tenants/\(tenantID.lowercased)/employees/\(employee.id.lowercased)")
        }
        table.on(group, prefix: "/v1", "\(base)/employees/{employeeID}", method: .get) { _, context in
            let employee = try await s.employees.get(actor: try context.requirePrincipal(), tenantID: try Self.tenant(context),
                                                     id: try HTTPInput.id(context, "employeeID", notFound: Self.employeeNotFound))
            return try HTTPInput.json(employee, etag: employee.version)
        }
        table.on(group, prefix: "/v1", "\(base)/employees/{employeeID}", method: .patch) { request, context in
            let (tenantID, id) = (try Self.tenant(context), try HTTPInput.id(context, "employeeID", notFound: Self.employeeNotFound))
            let version = try HTTPInput.expectedVersion(request)
            let body = try await request.decode(as: EmployeeService.Patch.self, context: context)
            let employee = try await s.employees.update(actor: try context.requirePrincipal(), tenantID: tenantID, id: id, body,
                                                        expectedVersion: version)
            return try HTTPInput.json(employee, etag: employee.version)
        }
        table.on(group, prefix: "/v1", "\(base)/employees/{employeeID}/performance", method: .put) { request, context in
            let (tenantID, id) = (try Self.tenant(context), try HTTPInput.id(context, "employeeID", notFound: Self.employeeNotFound))
            let version = try HTTPInput.expectedVersion(request)
            let body = try await request.decode(as: PerformanceBody.self, context: context)
            let employee = try await s.employees.setPerformance(actor: try context.requirePrincipal(), tenantID: tenantID, id: id,
                                                                ratings: body.ratings, expectedVersion: version)
            return try HTTPInput.json(employee, etag: employee.version)
        }
        table.on(group, prefix: "/v1", "\(base)/employees/{employeeID}/performance/{year}", method: .delete) { request, context in
            let (tenantID, id) = (try Self.tenant(context), try HTTPInput.id(context, "employeeID", notFound: Self.employeeNotFound))
            // Years outside 1990...2100 are never recorded; they read as absent.
            guard let text = context.parameters.get("year"), text.count <= 4, let year = Int(text) else {
                throw EmployeeService.performanceNotFound
            }
            let version = try HTTPInput.expectedVersion(request)
            let employee = try await s.employees.removePerformance(actor: try context.requirePrincipal(), tenantID: tenantID,
                                                                   id: id, year: year, expectedVersion: version)
            return try HTTPInput.json(employee, etag: employee.version)
        }

        table.on(group, prefix: "/v1", "\(base)/retirement-ages", method: .get) { _, context in
            let ages = try await s.retirementAges.get(actor: try context.requirePrincipal(), tenantID: try Self.tenant(context))
            return try HTTPInput.json(ages.table, etag: ages.version)
        }
        table.on(group, prefix: "/v1", "\(base)/retirement-ages", method: .put) { request, context in
            let tenantID = try Self.tenant(context)
            let version = try HTTPInput.expectedVersion(request)
            let body = try await request.decode(as: RetirementAgeTable.self, context: context)
            let ages = try await s.retirementAges.replace(actor: try context.requirePrincipal(), tenantID: tenantID, body,
                                                          expectedVersion: version)
            return try HTTPInput.json(ages.table, etag: ages.version)
        }
    }

    static let unitNotFound = DomainError.notFound("unit.not_found", "Unit not found.")
    static let slotNotFound = DomainError.notFound("slot.not_found", "Slot not found.")
    static let employeeNotFound = DomainError.notFound("employee.not_found", "Employee not found.")

    static func tenant(_ context: AppRequestContext) throws -> UUID {
        try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant)
    }

    static func employeeFilter(_ request: Request) throws -> EmployeeFilter {
        var kind: CivilServantKind?
        if let text = HTTPInput.string(request, "kind") { kind = try CivilServantKind(parsing: text, field: "kind") }
        var locked: Bool?
        if let text = HTTPInput.string(request, "locked") {
            guard let value = Bool(text) else {
                throw DomainError.invalid("query.not_boolean", "locked must be true or false.", field: "locked")
            }
            locked = value
        }
        return EmployeeFilter(agencyID: try QueryValues.uuid(request, "agencyID"), unitID: try QueryValues.uuid(request, "unitID"),
                              slotID: try QueryValues.uuid(request, "slotID"), nip: HTTPInput.string(request, "nip"),
                              name: HTTPInput.string(request, "name"), kind: kind, locked: locked)
    }
}
