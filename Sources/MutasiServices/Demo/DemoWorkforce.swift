import Foundation
import MutasiDomain
import MutasiRepositories

/// The demo workforce of a tenant, generated from a seeded random number generator so that every
/// run builds the same records, and written through the import's bulk path (idempotent upserts).
///
/// Provinsi Sabangau gets a province's staff: SMA/SMK schools where pupil numbers grew and
/// teachers are short, puskesmas and a hospital short of health staff, offices with a surplus of
/// administrative staff, employees close to retirement, some whose education does not fit their
/// post, and SKP ratings for the last years. The other tenants get one employee record, not yet
/// placed, for their `pegawai` user (so their plans and balances start empty).
struct DemoWorkforce {
    /// How large a tenant's demo is: schools, health units and offices per agency, and how many
    /// regencies/districts the units spread over.
    struct Size {
        var schools: Int
        var healthUnits: Int
        var officeUnits: Int
        /// Multiplies every slot's need and staff (a province's schools are larger).
        var scale: Int
    }

    let tenant: Tenant
    let size: Size
    /// Region codes the units are spread over (inside the tenant's region).
    let regions: [String]
    let unitPrefix: String
    let town: String

    static func forTenant(_ tenant: Tenant) -> DemoWorkforce? {
        switch tenant.code {
        case "provinsi-sabangau":
            return DemoWorkforce(tenant: tenant, size: Size(schools: 70, healthUnits: 24, officeUnits: 24, scale: 2),
                                 regions: ["62.71.01", "62.71.02", "62.71.03", "62.01.01", "62.02.03", "62.03.02", "62.04.01",
                                           "62.05.02", "62.06.01", "62.07.04", "62.08.01", "62.09.02"],
                                 unitPrefix: "SBG", town: "Palangka Raya")
        default:
            return nil
        }
    }

    /// A slot template: code, name, kind, grade range, education fields, competencies, and the
    /// need and the staffing as multiples of a unit's scale.
    struct SlotPlan {
        var code, name: String
        var kind: PositionKind
        var grades: ClosedRange<Int>
        var fields: [String]
        var competencies: [(String, Int)]
        /// Need per unit before the unit's growth.
        var need: Int
        /// Staff per unit, as a fraction of the need (below 1: short; above 1: surplus).
        var staffing: Double
    }

    static let schoolSlots = [
        SlotPlan(code: "GURU-MTK", name: "Guru Matematika", kind: .teacher, grades: 9...14, fields: ["Pendidikan Matematika", "Matematika"],
                 competencies: [("MENGAJAR", 3), ("MATEMATIKA", 3)], need: 4, staffing: 0.8),
        SlotPlan(code: "GURU-BIND", name: "Guru Bahasa Indonesia", kind: .teacher, grades: 9...14, fields: ["Pendidikan Bahasa Indonesia"],
                 competencies: [("MENGAJAR", 3), ("BAHASA", 3)], need: 4, staffing: 0.85),
        SlotPlan(code: "GURU-IPA", name: "Guru IPA", kind: .teacher, grades: 9...14, fields: ["Pendidikan Fisika", "Pendidikan Biologi", "Pendidikan Kimia"],
                 competencies: [("MENGAJAR", 3), ("SAINS", 3)], need: 4, staffing: 0.75),
        SlotPlan(code: "GURU-BING", name: "Guru Bahasa Inggris", kind: .teacher, grades: 9...14, fields: ["Pendidikan Bahasa Inggris"],
                 competencies: [("MENGAJAR", 3), ("BAHASA-INGGRIS", 3)], need: 3, staffing: 0.8),
        SlotPlan(code: "GURU-PJOK", name: "Guru Pendidikan Jasmani", kind: .teacher, grades: 9...14, fields: ["Pendidikan Jasmani"],
                 competencies: [("MENGAJAR", 2)], need: 2, staffing: 1.0),
        SlotPlan(code: "PENGELOLA-TU", name: "Pengelola Tata Usaha", kind: .executor, grades: 5...10, fields: ["Administrasi Perkantoran", "Manajemen"],
                 competencies: [("ADMINISTRASI", 2)], need: 2, staffing: 1.5),
    ]
    static let healthSlots = [
        SlotPlan(code: "DOKTER", name: "Dokter Ahli Pertama", kind: .functionalFirstExpert, grades: 9...12, fields: ["Kedokteran"],
                 competencies: [("KLINIS", 4), ("DIAGNOSIS", 3)], need: 2, staffing: 0.5),
        SlotPlan(code: "PERAWAT", name: "Perawat Terampil", kind: .functionalSkilled, grades: 6...11, fields: ["Keperawatan"],
                 competencies: [("KLINIS", 3), ("TRIASE", 2)], need: 6, staffing: 0.65),
        SlotPlan(code: "BIDAN", name: "Bidan Terampil", kind: .functionalSkilled, grades: 6...11, fields: ["Kebidanan"],
                 competencies: [("KLINIS", 3), ("KIA", 3)], need: 4, staffing: 0.7),
        SlotPlan(code: "SANITARIAN", name: "Sanitarian Ahli Pertama", kind: .functionalFirstExpert, grades: 9...12, fields: ["Kesehatan Lingkungan"],
                 competencies: [("SANITASI", 3)], need: 1, staffing: 0.5),
        SlotPlan(code: "PENGADMINISTRASI", name: "Pengadministrasi Umum", kind: .executor, grades: 5...10, fields: ["Administrasi Perkantoran", "Manajemen"],
                 competencies: [("ADMINISTRASI", 2)], need: 2, staffing: 1.5),
    ]
    static let officeSlots = [
        SlotPlan(code: "KABID", name: "Kepala Bidang", kind: .administrator, grades: 12...15, fields: ["Administrasi Negara", "Manajemen", "Hukum"],
                 competencies: [("KEPEMIMPINAN", 4), ("MANAJEMEN", 3)], need: 1, staffing: 1.0),
        SlotPlan(code: "KASUBBID", name: "Kepala Sub Bidang", kind: .supervisor, grades: 11...13, fields: ["Administrasi Negara", "Manajemen", "Hukum"],
                 competencies: [("KEPEMIMPINAN", 3), ("MANAJEMEN", 3)], need: 2, staffing: 1.0),
        SlotPlan(code: "ANALIS-SDM", name: "Analis Sumber Daya Manusia Aparatur", kind: .functionalJuniorExpert, grades: 11...13,
                 fields: ["Psikologi", "Manajemen", "Administrasi Negara"], competencies: [("ANALISIS", 3), ("KEPEGAWAIAN", 3)],
                 need: 3, staffing: 0.7),
        SlotPlan(code: "PRANATA-KOMPUTER", name: "Pranata Komputer Ahli Pertama", kind: .functionalFirstExpert, grades: 9...12,
                 fields: ["Teknik Informatika", "Sistem Informasi"], competencies: [("TIK", 3)], need: 1, staffing: 1.0),
        SlotPlan(code: "PENGADMINISTRASI", name: "Pengadministrasi Umum", kind: .executor, grades: 5...10,
                 fields: ["Administrasi Perkantoran", "Manajemen"], competencies: [("ADMINISTRASI", 2)], need: 3, staffing: 2.2),
        SlotPlan(code: "PENGEMUDI", name: "Pengemudi", kind: .executor, grades: 1...8, fields: [], competencies: [("MENGEMUDI", 2)],
                 need: 1, staffing: 1.6),
    ]

    /// Education fields of people who fit no slot of the demo well (the mismatches).
    static let strayFields = ["Teknik Sipil", "Agroteknologi", "Ilmu Perikanan", "Teknik Pertambangan", "Kehutanan"]
    static let firstNames = ["Agus", "Yohanes", "Maria", "Siti", "Dewi", "Budi", "Rini", "Eka", "Fransiska", "Rahmat", "Nur", "Sri",
                             "Andreas", "Yuliana", "Hendrik", "Lestari", "Wahyu", "Putri", "Imanuel", "Fitri", "Damang", "Itah",
                             "Baharudin", "Kristina", "Lalu", "Baiq", "Ketut", "Made", "Daniel", "Ratna"]
    static let lastNames = ["Ndun", "Lado", "Benu", "Saragih", "Usop", "Tingang", "Nyahu", "Rangkap", "Suhardi", "Pratama",
                            "Wulandari", "Hidayat", "Tallo", "Manafe", "Fanggidae", "Kaunang", "Sinaga", "Hasibuan", "Sanjaya",
                            "Ismail", "Hamdani", "Utami", "Setiawan", "Kurniawan", "Anyi", "Jaya"]

    /// Units and slots of the tenant (references resolved by code when written).
    struct UnitPlan {
        var unit: NewWorkUnit
        var slots: [SlotPlan]
        /// Need multiplier: pupils grew (schools) or cases surged (health).
        var growth: Double
    }

    func units(agencyIDs: [String: UUID], rng: inout DemoRandom) -> [UnitPlan] {
        var result: [UnitPlan] = []
        func add(_ agency: String, _ code: String, _ name: String, _ slots: [SlotPlan], growth: Double, region: Int) {
            guard let agencyID = agencyIDs[agency] else { return }
            result.append(UnitPlan(unit: NewWorkUnit(agencyID: agencyID, code: "\(unitPrefix)-\(code)", name: name,
                                                     regionCode: regions[region % regions.count]),
                                   slots: slots, growth: growth))
        }
        for i in 1...size.schools {
            let smk = i % 3 == 0
            // A third of the schools took in many more pupils, a third lost many (their
            // teachers are the ones a plan can move), the vocational schools stayed as they were.
            let growth = i % 3 == 1 ? 1.5 : i % 3 == 2 ? 0.6 : 1.0
            add("dinas-pendidikan", smk ? "SMKN\(i)" : "SMAN\(i)", "\(smk ? "SMK" : "SMA") Negeri \(i) \(town)",
                Self.schoolSlots, growth: growth, region: i)
        }
        for i in 1...size.healthUnits {
            let name = i == 1 ? "RSUD \(town)" : "UPT Puskesmas \(town) \(i - 1)"
            add("dinas-kesehatan", i == 1 ? "RSUD" : "PKM\(i - 1)", name, Self.healthSlots, growth: i % 2 == 0 ? 1.4 : 1.1, region: i)
        }
        let offices = [("bkpsdm", "Badan Kepegawaian"), ("inspektorat", "Inspektorat"), ("setda", "Sekretariat Daerah")]
        for i in 1...size.officeUnits {
            let (agency, name) = offices[(i - 1) % offices.count]
            add(agency, "\(agency.uppercased())-\(i)", "\(name) - Bidang \(i)", Self.officeSlots, growth: 1.0, region: 0)
        }
        return result
    }

    /// Why the demo's needs are set without an analysis (a few get one in `DemoNeedsAnalyses`).
    static let needReason = "Formasi awal data contoh, sebelum analisis beban kerja."

    /// The slots of the units with their needs.
    func slots(_ plans: [UnitPlan], unitIDs: [String: UnitReference]) -> [NewSlot] {
        plans.flatMap { plan -> [NewSlot] in
            guard let unitID = unitIDs[plan.unit.code]?.id else { return [] }
            return plan.slots.map { s in
                let need = Int((Double(s.need * size.scale) * plan.growth).rounded(.up))
                return NewSlot(unitID: unitID, code: s.code, name: s.name, kind: s.kind,
                               grades: try! GradeRange(min: s.grades.lowerBound, max: s.grades.upperBound),
                               educationFields: s.fields,
                               competencies: s.competencies.map { try! CompetencyRequirement(code: $0.0, level: $0.1) },
                               need: need, needReason: need > 0 ? Self.needReason : nil)
            }
        }
    }

    /// The employees in the slots: about `staffing x need` (before growth) per slot.
    func employees(_ plans: [UnitPlan], slotRefs: [String: SlotReference], today: CalendarDate,
                   rng: inout DemoRandom) -> [EmployeeImportRow] {
        var rows: [EmployeeImportRow] = []
        var numbers = Set<String>()
        for plan in plans {
            for slot in plan.slots {
                guard let ref = slotRefs[SlotKey.of(unitCode: plan.unit.code, slotCode: slot.code)] else { continue }
                let count = max(0, Int((Double(slot.need * size.scale) * slot.staffing + rng.double() * 0.8 - 0.4).rounded()))
                for _ in 0..<count {
                    if let row = employee(slot, slotID: ref.id, today: today, numbers: &numbers, rng: &rng) { rows.append(row) }
                }
            }
        }
        return rows
    }

    private func employee(_ slot: SlotPlan, slotID: UUID, today: CalendarDate, numbers: inout Set<String>,
                          rng: inout DemoRandom) -> EmployeeImportRow? {
        // Ages 24-59; one in eight close to retirement.
        let age = rng.int(0..<8) == 0 ? rng.int(56...59) : rng.int(24...55)
        let birth = try! CalendarDate(year: today.year - age, month: rng.int(1...12), day: rng.int(1...28))
        let sex: Sex = rng.int(0..<2) == 0 ? .male : .female
        let pppk = slot.kind == .teacher && age < 45 && rng.int(0..<3) == 0
        let startYear = max(birth.year + 19, today.year - rng.int(1...(max(2, age - 19))))
        let number: EmployeeNumber
        var text = ""
        for _ in 0..<20 {
            let seq = DecimalDigits3.pad(rng.int(1...999))
            if pppk {
                text = Self.digits(birth) + "\(max(startYear, 2019))" + "2" + "\(rng.int(1...2))" + "\(sex.rawValue)" + seq
            } else {
                text = Self.digits(birth) + "\(startYear)" + DecimalDigits3.pad2(rng.int(1...12)) + "\(sex.rawValue)" + seq
            }
            if !numbers.contains(text) { break }
        }
        guard !numbers.contains(text), let parsed = try? EmployeeNumber(text, kind: pppk ? .pppk : .pns) else { return nil }
        numbers.insert(text)
        number = parsed
        let grade = min(17, max(1, rng.int(slot.grades) + (rng.int(0..<10) == 0 ? -1 : 0)))
        let mismatch = rng.int(0..<10) == 0
        let field = mismatch || slot.fields.isEmpty ? Self.strayFields[rng.int(0..<Self.strayFields.count)]
                                                    : slot.fields[rng.int(0..<slot.fields.count)]
        let level: EducationLevel = switch slot.kind {
        case .executor: [.sma, .d3, .s1][rng.int(0..<3)]
        case .functionalSkilled: .d3
        default: rng.int(0..<6) == 0 ? .s2 : .s1
        }
        var competencies: [String: Int] = [:]
        for (code, required) in slot.competencies { competencies[code] = max(0, min(5, required + rng.int(-1...1))) }
        let earliest = CalendarDate.max(birth.addingYears(19), try! CalendarDate(year: startYear, month: 1, day: 1))
        let yearsInPost = rng.int(0...12)
        let since = CalendarDate.max(earliest, try! CalendarDate(year: today.year - yearsInPost, month: rng.int(1...12), day: 1))
        let predicates: [SKPPredicate] = [.veryGood, .good, .good, .good, .good, .needsImprovement, .poor]
        let ratings = (today.year - 3..<today.year).compactMap { year -> PerformanceRating? in
            year >= startYear ? try? PerformanceRating(year: year, predicate: predicates[rng.int(0..<predicates.count)]) : nil
        }
        let name = Self.firstNames[rng.int(0..<Self.firstNames.count)] + " " + Self.lastNames[rng.int(0..<Self.lastNames.count)]
        return EmployeeImportRow(
            record: EmployeeRecord(number: number, name: name, grade: grade, educationLevel: level, educationField: field,
                                   competencies: competencies, slotID: slotID, slotSince: since, locked: false, lockReason: nil),
            performance: ratings)
    }

    /// The one employee of the tenants without a demo workforce: a PNS not yet placed in a slot.
    static let unplacedEmployee = EmployeeImportRow(
        record: EmployeeRecord(number: try! EmployeeNumber("198807122012032004", kind: .pns), name: "Pegawai Contoh", grade: 9,
                               educationLevel: .s1, educationField: "Administrasi Negara", competencies: ["ADMINISTRASI": 2],
                               slotID: nil, slotSince: nil, locked: false, lockReason: nil),
        performance: [try! PerformanceRating(year: 2025, predicate: .good)])

    /// What the demo campaign's forms are drawn from: the units with their posts, and where each
    /// employee sits.
    static func campaignInput(_ plans: [UnitPlan], slotRefs: [String: SlotReference],
                              employees: [EmployeeImportRow]) -> ([DemoCampaign.UnitInfo], [DemoCampaign.Person]) {
        var slotPlaces: [UUID: (String, String)] = [:]
        for plan in plans {
            for slot in plan.slots {
                if let ref = slotRefs[SlotKey.of(unitCode: plan.unit.code, slotCode: slot.code)] {
                    slotPlaces[ref.id] = (plan.unit.code, slot.code)
                }
            }
        }
        let units = plans.map { DemoCampaign.UnitInfo(code: $0.unit.code, agencyID: $0.unit.agencyID, region: $0.unit.regionCode,
                                                      growth: $0.growth, slotCodes: Set($0.slots.map(\.code))) }
        let people = employees.compactMap { row -> DemoCampaign.Person? in
            guard let slotID = row.record.slotID, let (unit, slot) = slotPlaces[slotID] else { return nil }
            return DemoCampaign.Person(nip: row.record.number.text, unitCode: unit, slotCode: slot)
        }
        return (units, people)
    }

    static func digits(_ date: CalendarDate) -> String { date.iso.replacingOccurrences(of: "-", with: "") }
}

enum DecimalDigits3 {
    static func pad(_ value: Int) -> String { String(repeating: "0", count: max(0, 3 - String(value).count)) + String(value) }
    static func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

extension CalendarDate {
    static func max(_ a: CalendarDate, _ b: CalendarDate) -> CalendarDate { a < b ? b : a }
}

/// SplitMix64: small, fast and the same on every platform, so the demo is reproducible.
struct DemoRandom {
    private var state: UInt64

    /// Seeded from the text with FNV-1a (Swift's `Hasher` is randomised per process).
    init(seed text: String) {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        state = hash
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: Range<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    mutating func double() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

extension DemoSeedService {
    /// Seeds the tenant's demo workforce (units, slots with needs, employees with ratings) and
    /// links the tenant's `pegawai` user to an employee. Once the tenant has employees the
    /// workforce is left as it is: what was changed through the product since (moves carried
    /// out, records edited) survives a restart. The day the ages are counted from is fixed, so
    /// the records do not drift from one run to the next.
    static func seedWorkforce(_ tx: any StoreTransaction, tenant: Tenant, agencyIDs: [String: UUID]) async throws {
        let seeded = try await tx.employees.list(tenantID: tenant.id, EmployeeFilter(), try PageRequest(limit: 1)).total > 0
        let bulk = seeded ? nil : tx.workforceBulk
        var counts: [String: ImportCounts] = [:]
        let employees: [EmployeeImportRow]
        var campaign: ([DemoCampaign.UnitInfo], [DemoCampaign.Person])?
        if let demo = DemoWorkforce.forTenant(tenant) {
            var rng = DemoRandom(seed: tenant.code)
            let today = try CalendarDate(year: 2026, month: 1, day: 1)
            let plans = demo.units(agencyIDs: agencyIDs, rng: &rng)
            if let bulk {
                counts["units"] = try await bulk.upsertUnits(tenantID: tenant.id, plans.map(\.unit))
                counts["slots"] = try await bulk.upsertSlots(tenantID: tenant.id, demo.slots(plans, unitIDs: try await bulk.unitsByCode(tenantID: tenant.id)))
            }
            let slotRefs = try await tx.workforceBulk.slotsByKey(tenantID: tenant.id)
            employees = demo.employees(plans, slotRefs: slotRefs, today: today, rng: &rng)
            campaign = DemoWorkforce.campaignInput(plans, slotRefs: slotRefs, employees: employees)
        } else {
            employees = [DemoWorkforce.unplacedEmployee]
        }
        if let bulk { counts["employees"] = try await bulk.upsertEmployees(tenantID: tenant.id, employees, progress: nil) }
        if let campaign { try await seedCampaign(tx, tenant: tenant, units: campaign.0, people: campaign.1) }
        if let first = employees.first, let user = try await tx.users.findCredentials(scope: tenant.scope, username: "pegawai")?.user {
            let page = try await tx.employees.list(tenantID: tenant.id, EmployeeFilter(nip: first.record.number.text), try PageRequest(limit: 1))
            if let employee = page.items.first, user.employeeID != employee.id {
                try await tx.employees.linkUser(tenantID: tenant.id, userID: user.id, employeeID: employee.id)
                try await tx.audit.append(scope: tenant.scope, actor: .system, AuditEntry(
                    action: "user.link_employee", entityType: "user", entityID: user.id.uuidString.lowercased(),
                    before: nil, after: AuditSnapshot.json(["employeeID": employee.id.uuidString.lowercased()])))
            }
        }
        let changed = counts.values.contains { $0.inserted + $0.updated > 0 }
        if changed {
            try await tx.audit.append(scope: tenant.scope, actor: .system, AuditEntry(
                action: "demo.workforce", entityType: "import", entityID: tenant.code, before: nil,
                after: AuditSnapshot.json(counts)))
        }
    }
}
