import Foundation
import MutasiDomain
import MutasiServices
import PostgresNIO

/// The balance computed in memory from every slot and employee of a tenant, with the domain's
/// rules: the reference the SQL balance is compared with. Rows and list entries come out as
/// `key=value` lines in the order the API must return them.
struct BalanceReference {
    struct Slot {
        var id: UUID, code: String, name: String, kind: String, fields: [String], need: Int
        var unitID: UUID, unitCode: String, unitName: String, agencyID: UUID, agencyCode: String, agencyName: String
    }
    struct Employee {
        var id: UUID, nip: String, name: String, slotID: UUID?, since: CalendarDate?, birth: CalendarDate, field: String
    }
    struct Counts { var need = 0, headcount = 0, retiring = 0, deficit = 0, surplus = 0, slots = 0, misfits = 0, due = 0, gone = 0 }

    let tenant: (id: UUID, code: String, name: String)
    let slots: [Slot]
    let employees: [Employee]
    let ages: RetirementAgeTable

    /// Reads the tenant as its owner.
    static func load(_ db: TestDatabase, tenant code: String) async throws -> BalanceReference {
        try await db.asOwner(tenant: code) { c, tenantID in
            let log = TestDatabase.logger
            let name = try await c.column("SELECT name FROM tenants WHERE id = \(tenantID)", as: String.self)[0]
            var slots: [Slot] = []
            for try await row in try await c.query("""
                SELECT s.id, s.code, s.name, s.position_kind, s.education_fields, s.need, u.id, u.code, u.name, g.id, g.code, g.name
                FROM slots s JOIN units u ON u.tenant_id = s.tenant_id AND u.id = s.unit_id
                JOIN agencies g ON g.tenant_id = u.tenant_id AND g.id = u.agency_id WHERE s.tenant_id = \(tenantID)
                """, logger: log) {
                let r = row.makeRandomAccess()
                slots.append(Slot(id: try r[0].decode(UUID.self), code: try r[1].decode(String.self), name: try r[2].decode(String.self),
                                  kind: try r[3].decode(String.self), fields: try r[4].decode([String].self),
                                  need: Int(try r[5].decode(Int32.self)), unitID: try r[6].decode(UUID.self),
                                  unitCode: try r[7].decode(String.self), unitName: try r[8].decode(String.self),
                                  agencyID: try r[9].decode(UUID.self), agencyCode: try r[10].decode(String.self),
                                  agencyName: try r[11].decode(String.self)))
            }
            var employees: [Employee] = []
            for try await row in try await c.query("""
                SELECT id, nip, name, slot_id, to_char(slot_since, 'YYYY-MM-DD'), to_char(birth_date, 'YYYY-MM-DD'), education_field
                FROM employees WHERE tenant_id = \(tenantID)
                """, logger: log) {
                let r = row.makeRandomAccess()
                employees.append(Employee(id: try r[0].decode(UUID.self), nip: try r[1].decode(String.self), name: try r[2].decode(String.self),
                                          slotID: try r[3].decode(UUID?.self), since: try r[4].decode(String?.self).map { try CalendarDate(iso: $0) },
                                          birth: try CalendarDate(iso: try r[5].decode(String.self)), field: try r[6].decode(String.self)))
            }
            var overrides: [PositionKind: Int] = [:]
            for try await (kind, age) in try await c.query("SELECT position_kind, age FROM retirement_ages WHERE tenant_id = \(tenantID)",
                                                           logger: log).decode((String, Int32).self) {
                overrides[PositionKind(rawValue: kind)!] = Int(age)
            }
            return BalanceReference(tenant: (tenantID, code, name), slots: slots, employees: employees,
                                    ages: try RetirementAgeTable(overriding: overrides))
        }
    }

    /// What one query answers: balance rows per level, totals, and the three lists.
    struct Answer {
        var rows: [BalanceLevel: [String]] = [:]
        var totals = ""
        var retiring: [String] = [], mismatches: [String] = [], rotation: [String] = []
    }

    func answer(asOf: CalendarDate, months: Int, agencyID: UUID?, unitID: UUID?) -> Answer {
        let inScope = slots.filter { (agencyID == nil || $0.agencyID == agencyID) && (unitID == nil || $0.unitID == unitID) }
            .sorted { ($0.agencyCode, $0.unitCode, $0.code) < ($1.agencyCode, $1.unitCode, $1.code) }
        let byID = Dictionary(uniqueKeysWithValues: inScope.map { ($0.id, $0) })
        var perSlot: [UUID: Counts] = [:]
        var retiring: [(CalendarDate, String, String)] = [], mismatches: [(String, String)] = [], rotation: [(CalendarDate, String, String)] = []
        for slot in inScope { perSlot[slot.id] = Counts(need: slot.need, slots: 1) }
        for e in employees {
            guard let slotID = e.slotID, let slot = byID[slotID], let since = e.since else { continue }
            let holder = Self.holder(e, slot)
            let kind = PositionKind(rawValue: slot.kind) ?? .executor
            let retirement = ages.retirementDate(birthDate: e.birth, kind: kind)
            let monthsLeft = PlanningInstanceBuilder.wholeMonths(from: asOf, to: retirement)
            let isRetired = retirement <= asOf
            if isRetired { perSlot[slotID]!.gone += 1 } else {
                perSlot[slotID]!.headcount += 1
                if monthsLeft <= months { perSlot[slotID]!.retiring += 1 }
            }
            if isRetired || monthsLeft <= months {
                retiring.append((retirement, e.nip, holder + ";positionKind=\(kind.rawValue);retirementAge=\(ages.age(for: kind))"
                                 + ";retirementDate=\(retirement.iso);monthsToRetirement=\(monthsLeft);retired=\(isRetired)"))
            }
            if !EducationFields.fits(e.field, slot.fields) {
                perSlot[slotID]!.misfits += 1
                mismatches.append((e.nip, holder + ";educationField=\(e.field);slotEducationFields=\(slot.fields.joined(separator: "|"))"))
            }
            if PostTenure.isRotationDue(since: since, asOf: asOf) {
                perSlot[slotID]!.due += 1
                rotation.append((since, e.nip, holder + ";slotSince=\(since.iso);monthsInPost=\(PlanningInstanceBuilder.wholeMonths(from: since, to: asOf))"))
            }
        }
        var answer = Answer()
        answer.retiring = retiring.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
        answer.mismatches = mismatches.sorted { $0.0 < $1.0 }.map(\.1)
        answer.rotation = rotation.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
        let figures = perSlot.mapValues { Self.add(Counts(), $0) }
        var total = Counts()
        for slot in inScope { total = Self.add(total, figures[slot.id]!) }
        answer.totals = Self.line("tenant", tenant.id, tenant.code, tenant.name, nil, nil, nil, nil, nil, total)
        answer.rows[.tenant] = [answer.totals]
        answer.rows[.slot] = inScope.map {
            Self.line("slot", $0.id, $0.code, $0.name, $0.unitID, $0.unitCode, $0.agencyID, $0.agencyCode, $0.kind, figures[$0.id]!)
        }
        var units: [(Slot, Counts)] = [], agencies: [(Slot, Counts)] = []
        for slot in inScope {
            if units.last?.0.unitID == slot.unitID { units[units.count - 1].1 = Self.add(units.last!.1, figures[slot.id]!) }
            else { units.append((slot, figures[slot.id]!)) }
            if agencies.last?.0.agencyID == slot.agencyID { agencies[agencies.count - 1].1 = Self.add(agencies.last!.1, figures[slot.id]!) }
            else { agencies.append((slot, figures[slot.id]!)) }
        }
        answer.rows[.unit] = units.map { Self.line("unit", $0.0.unitID, $0.0.unitCode, $0.0.unitName, nil, nil, $0.0.agencyID, $0.0.agencyCode, nil, $0.1) }
        answer.rows[.agency] = agencies.map { Self.line("agency", $0.0.agencyID, $0.0.agencyCode, $0.0.agencyName, nil, nil, nil, nil, nil, $0.1) }
        return answer
    }

    /// `a` with one more slot (its deficit and surplus worked out from its own figures) or group.
    static func add(_ a: Counts, _ slot: Counts) -> Counts {
        let current = slot.headcount - slot.retiring
        let deficit = slot.slots == 1 ? max(0, slot.need - current) : slot.deficit
        let surplus = slot.slots == 1 ? max(0, current - slot.need) : slot.surplus
        return Counts(need: a.need + slot.need, headcount: a.headcount + slot.headcount, retiring: a.retiring + slot.retiring,
                      deficit: a.deficit + deficit, surplus: a.surplus + surplus, slots: a.slots + slot.slots,
                      misfits: a.misfits + slot.misfits, due: a.due + slot.due, gone: a.gone + slot.gone)
    }

    static func line(_ level: String, _ id: UUID, _ code: String, _ name: String, _ unitID: UUID?, _ unitCode: String?,
                     _ agencyID: UUID?, _ agencyCode: String?, _ kind: String?, _ c: Counts) -> String {
        let imbalance = c.need == 0 ? Rational.zero : try! Rational(c.deficit + c.surplus, c.need)
        let exact = ExactNumber(imbalance)
        return "level=\(level);id=\(id.uuidString.lowercased());code=\(code);name=\(name);unitID=\(unitID.map { $0.uuidString.lowercased() } ?? "-")"
            + ";unitCode=\(unitCode ?? "-");agencyID=\(agencyID.map { $0.uuidString.lowercased() } ?? "-");agencyCode=\(agencyCode ?? "-")"
            + ";positionKind=\(kind ?? "-");slots=\(c.slots);need=\(c.need);headcount=\(c.headcount);retiring=\(c.retiring)"
            + ";current=\(c.headcount - c.retiring);deficit=\(c.deficit);surplus=\(c.surplus)"
            + ";imbalance=\(exact.value.numerator)/\(exact.value.denominator)=\(exact.decimal)"
            + ";educationMismatches=\(c.misfits);rotationDue=\(c.due);retired=\(c.gone)"
    }

    static func holder(_ e: Employee, _ s: Slot) -> String {
        "employeeID=\(e.id.uuidString.lowercased());nip=\(e.nip);name=\(e.name);slotID=\(s.id.uuidString.lowercased());slotCode=\(s.code)"
            + ";slotName=\(s.name);unitID=\(s.unitID.uuidString.lowercased());unitCode=\(s.unitCode)"
            + ";agencyID=\(s.agencyID.uuidString.lowercased());agencyCode=\(s.agencyCode)"
    }

    // MARK: The same lines from the API's JSON.

    static func line(row r: [String: Any]) -> String {
        let imbalance = r["imbalance"] as? [String: Any] ?? [:]
        func s(_ key: String) -> String { text(r[key]) }
        return "level=\(s("level"));id=\(s("id").lowercased());code=\(s("code"));name=\(s("name"));unitID=\(s("unitID").lowercased())"
            + ";unitCode=\(s("unitCode"));agencyID=\(s("agencyID").lowercased());agencyCode=\(s("agencyCode"))"
            + ";positionKind=\(s("positionKind"));slots=\(s("slots"));need=\(s("need"));headcount=\(s("headcount"));retiring=\(s("retiring"))"
            + ";current=\(s("current"));deficit=\(s("deficit"));surplus=\(s("surplus"))"
            + ";imbalance=\(text(imbalance["numerator"]))/\(text(imbalance["denominator"]))=\(text(imbalance["decimal"]))"
            + ";educationMismatches=\(s("educationMismatches"));rotationDue=\(s("rotationDue"));retired=\(s("retired"))"
    }

    static func line(item r: [String: Any], list: String) -> String {
        let e = r["employee"] as? [String: Any] ?? [:]
        let holder = "employeeID=\(text(e["employeeID"]).lowercased());nip=\(text(e["nip"]));name=\(text(e["name"]))"
            + ";slotID=\(text(e["slotID"]).lowercased());slotCode=\(text(e["slotCode"]));slotName=\(text(e["slotName"]))"
            + ";unitID=\(text(e["unitID"]).lowercased());unitCode=\(text(e["unitCode"]))"
            + ";agencyID=\(text(e["agencyID"]).lowercased());agencyCode=\(text(e["agencyCode"]))"
        switch list {
        case "retirements":
            return holder + ";positionKind=\(text(r["positionKind"]));retirementAge=\(text(r["retirementAge"]))"
                + ";retirementDate=\(text(r["retirementDate"]));monthsToRetirement=\(text(r["monthsToRetirement"]))"
                + ";retired=\((r["retired"] as? Bool) == true)"
        case "education-mismatches":
            return holder + ";educationField=\(text(r["educationField"]))"
                + ";slotEducationFields=\((r["slotEducationFields"] as? [String] ?? []).joined(separator: "|"))"
        default:
            return holder + ";slotSince=\(text(r["slotSince"]));monthsInPost=\(text(r["monthsInPost"]))"
        }
    }

    static func text(_ value: Any?) -> String {
        switch value {
        case nil, is NSNull: "-"
        case let string as String: string
        case let number as NSNumber: number.stringValue
        default: "\(value!)"
        }
    }
}
