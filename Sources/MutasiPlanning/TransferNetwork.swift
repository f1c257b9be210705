/// The planning problem of planning.md as a compact min-cost circulation.
///
/// The network of planning.md joins every eligible employee to every qualified target, which is
/// tens of millions of arcs for a large region. This one is equivalent but far smaller: targets
/// that ask for the same things (grade range, fields of study, competencies) form a *kind*, and
/// an employee reaches all targets of a kind through one arc into a small tree of hubs that
/// mirrors the region hierarchy (same region 0, same regency 20, same province 60, anywhere 150),
/// as far as the scope allows. The arc into the tree carries the employee's own part of the cost
/// (fit and the flat preference cost, 60 or 150); the tree adds the distance. Units an employee
/// lists get direct arcs with their true, lower cost. Of the people of one slot, only as many as
/// may leave it keep their arcs into any one hub or target: the cheapest.
///
/// Every path from an employee to a target is a qualified move whose path cost is at least the
/// move's true cost, and every move has a path of exactly its true cost; so the optimum of this
/// network is the optimum of planning.md, and any decomposition of an optimal flow into paths
/// is an optimal plan.
struct TransferNetwork {
    let workforce: Workforce
    private(set) var flow = MinCostFlow()
    static let source = 0, sink = 1

    /// Per eligible employee in the network: employee index, origin arc, first and end out arc.
    private var employees: [(employee: Int, inArc: Int, outArcs: Range<Int>)] = []
    /// Target nodes are numbered from 2 on, then hubs from `hubBase` on, then the rest.
    private var targetSlots: [Int] = []
    private var hubBase = 0
    /// For each hub: its arcs to targets with the target slot, and its arc to its parent hub.
    private var hubTargets: [[(arc: Int, slot: Int)]] = []
    private var hubParent: [(arc: Int, hub: Int)?] = []
    private var releaseArcs: [(slot: Int, arcs: [Int])] = []
    private var fillArcs: [(slot: Int, arcs: [Int])] = []

    /// Distance of each level of the region tree: same region, regency, province, anywhere.
    private static let levelDistance = [0, 20, 60, 150]

    init(_ workforce: Workforce, progress: (Double) throws -> Void = { _ in }) throws {
        self.workforce = workforce
        let instance = workforce.instance
        let slots = instance.slots
        let policy = instance.policy
        flow = MinCostFlow(nodeCount: 2)

        // Regions: each code with the keys of its regency and province groups.
        var regions = Interner<String>()
        var groups = Interner<String>()
        var regionRegency: [Int] = [], regionProvince: [Int] = []
        let slotRegion = slots.map { slot -> Int in
            let (id, isNew) = regions.intern(slot.region)
            if isNew {
                let parts = slot.region.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
                regionProvince.append(groups.intern("1:" + parts[0]).id)
                regionRegency.append(parts.count >= 2 ? groups.intern("2:" + parts[0] + "." + parts[1]).id : -1)
            }
            return id
        }

        // Kinds of targets, grouped into families that share grade range and fields.
        var codes = Interner<String>()
        var fields = Interner<String>()
        var families = Interner<FamilyKey>()
        var kinds = Interner<KindKey>()
        var kindFamily: [Int] = [], familyKinds: [[Int]] = [], kindTargets: [[Int]] = []
        var targetsOfUnit: [String: [Int]] = [:]
        for (t, slot) in slots.enumerated() where workforce.deficit[t] > 0 {
            let fieldIds = Array(Set(slot.educationFields.map { fields.intern($0).id })).sorted()
            let family = families.intern(FamilyKey(minGrade: slot.minGrade, maxGrade: slot.maxGrade, fields: fieldIds))
            if family.isNew { familyKinds.append([]) }
            let requirements = slot.competencies.map { Requirement(code: codes.intern($0.code).id, level: $0.level) }
                .sorted { ($0.code, $0.level) < ($1.code, $1.level) }
            let kind = kinds.intern(KindKey(family: family.id, requirements: requirements))
            if kind.isNew {
                kindFamily.append(family.id)
                familyKinds[family.id].append(kind.id)
                kindTargets.append([])
            }
            kindTargets[kind.id].append(t)
            targetsOfUnit[slot.unit, default: []].append(t)
        }
        let familyList = families.values
        let kindList = kinds.values
        var familiesOfField = [[Int]](repeating: [], count: fields.count)
        var anyFieldFamilies: [Int] = []
        for (f, family) in familyList.enumerated() {
            if family.fields.isEmpty { anyFieldFamilies.append(f) }
            for field in family.fields { familiesOfField[field].append(f) }
        }

        // Target nodes, and their arcs to the sink (one per missing seat, benefit falling).
        var targetNode = [Int](repeating: -1, count: slots.count)
        let eligibleCount = workforce.eligible.count
        for kind in kindTargets.indices {
            for t in kindTargets[kind] {
                targetNode[t] = flow.addNode()
                targetSlots.append(t)
                let seats = min(workforce.deficit[t], eligibleCount)
                let arcs = (0..<seats).map { k in
                    flow.addArc(from: targetNode[t], to: Self.sink, capacity: 1,
                                cost: -PlanningRules.fillBenefit(need: slots[t].need, deficit: workforce.deficit[t], k: k + 1))
                }
                fillArcs.append((t, arcs))
            }
        }

        // Hub trees: one hub per kind and region group that holds a target of the kind.
        let levels = policy.scope == .any ? 4 : policy.scope == .province ? 3 : 2
        var hubs: [Int: Int] = [:]  // (level, kind, group) -> hub number
        hubBase = flow.nodeCount
        let hubBase = self.hubBase
        func hubKey(_ level: Int, _ kind: Int, _ group: Int) -> Int { (group << 24 | kind) << 2 | level }
        func regionGroups(_ region: Int) -> [Int] {
            [region, regionRegency[region], regionProvince[region], 0]
        }
        func hub(_ level: Int, _ kind: Int, _ region: Int) -> Int? {
            let group = regionGroups(region)[level]
            return group < 0 ? nil : hubs[hubKey(level, kind, group)]
        }
        for kind in kindTargets.indices {
            for t in kindTargets[kind] {
                let region = slotRegion[t]
                var child: Int? = nil
                for level in 0..<levels {
                    let group = regionGroups(region)[level]
                    if group < 0 { continue }
                    let key = hubKey(level, kind, group)
                    let h: Int
                    if let existing = hubs[key] {
                        h = existing
                    } else {
                        h = flow.addNode() - hubBase
                        hubs[key] = h
                        hubTargets.append([])
                        hubParent.append(nil)
                        hubLevel.append(level)
                    }
                    let arc = flow.addArc(from: hubBase + h, to: targetNode[t],
                                          capacity: min(workforce.deficit[t], eligibleCount), cost: 0)
                    hubTargets[h].append((arc, t))
                    if let c = child, hubParent[c] == nil {
                        let arc = flow.addArc(from: hubBase + c, to: hubBase + h, capacity: eligibleCount,
                                              cost: Self.levelDistance[level] - Self.levelDistance[hubLevel[c]])
                        hubParent[c] = (arc, h)
                    }
                    child = h
                }
            }
        }

        // Employees, by origin region so that each region's entry hubs are looked up once, and
        // by origin slot so that each origin's arcs can be pruned together.
        let order = workforce.eligible.sorted {
            let (a, b) = (workforce.employeeSlot[$0], workforce.employeeSlot[$1])
            return (slotRegion[a], a, $0) < (slotRegion[b], b, $1)
        }
        var originNode = [Int](repeating: -1, count: slots.count)
        var originEmployees = [Int](repeating: 0, count: slots.count)
        var entry = [(hub: Int, distance: Int)?](repeating: nil, count: kindList.count)
        var entryKnown = [Bool](repeating: false, count: kindList.count)
        var entryTouched: [Int] = []
        var currentRegion = -1
        var levelOf = [Int32](repeating: 0, count: codes.count)
        var employeeArcs: [(employee: Int, inArc: Int, outArcs: Range<Int>)] = []
        var candidates: [ArcCandidate] = []
        var blockStart = 0
        while blockStart < order.count {
            try progress(Double(blockStart) / Double(order.count))
            let origin = workforce.employeeSlot[order[blockStart]]
            var blockEnd = blockStart
            while blockEnd < order.count && workforce.employeeSlot[order[blockEnd]] == origin { blockEnd += 1 }
            let region = slotRegion[origin]
            if region != currentRegion {
                for kind in entryTouched { entryKnown[kind] = false }
                entryTouched.removeAll(keepingCapacity: true)
                currentRegion = region
            }
            candidates.removeAll(keepingCapacity: true)
            for member in 0..<(blockEnd - blockStart) {
                let employee = instance.employees[order[blockStart + member]]
                for (code, level) in employee.competencies {
                    if let id = codes.id(of: code) { levelOf[id] = Int32(level) }
                }
                let flat = employee.preferences.isEmpty ? 60 : 150
                let fieldId = fields.id(of: employee.educationField)
                for f in [anyFieldFamilies, fieldId.map { familiesOfField[$0] } ?? []].joined() {
                    let family = familyList[f]
                    guard family.minGrade <= employee.grade && employee.grade <= family.maxGrade else { continue }
                    for kind in familyKinds[f] {
                        var gap = 0
                        for requirement in kindList[kind].requirements {
                            gap += max(0, requirement.level - Int(levelOf[requirement.code]))
                        }
                        guard gap <= policy.maxTrainableGap else { continue }
                        if !entryKnown[kind] {
                            entryKnown[kind] = true
                            entryTouched.append(kind)
                            entry[kind] = nil
                            for level in 0..<levels {
                                if let h = hub(level, kind, region) {
                                    entry[kind] = (h, Self.levelDistance[level])
                                    break
                                }
                            }
                        }
                        guard let (h, distance) = entry[kind] else { continue }
                        let cost = 3 * (100 - PlanningRules.fit(gap: gap)) + flat + distance
                        candidates.append(ArcCandidate(head: hubBase + h, cost: cost, member: member))
                    }
                }
                // Listed units: direct arcs at the true cost when the move is qualified.
                var seenUnits: Set<String> = []
                for (rank, unit) in employee.preferences.enumerated() where seenUnits.insert(unit).inserted {
                    for t in targetsOfUnit[unit] ?? [] where Self.qualified(employee, origin: origin, target: t, workforce) {
                        let gap = PlanningRules.gap(employee.competencies, slots[t].competencies)
                        let cost = PlanningRules.moveCost(
                            fit: PlanningRules.fit(gap: gap), preference: 20 * rank,
                            distance: PlanningRules.distance(slots[origin].region, slots[t].region))
                        candidates.append(ArcCandidate(head: targetNode[t], cost: cost, member: member))
                    }
                }
                for (code, _) in employee.competencies {
                    if let id = codes.id(of: code) { levelOf[id] = 0 }
                }
            }

            // At most `leaving` people leave this slot, so into any one hub or target only the
            // `leaving` cheapest of them matter: were a dearer one moved that way, one of those
            // would be idle and could take its place for no more cost.
            let leaving = min(workforce.surplus[origin], Set(candidates.map(\.member)).count)
            candidates.sort { ($0.head, $0.cost, $0.member) < ($1.head, $1.cost, $1.member) }
            var kept: [ArcCandidate] = []
            var run = 0
            for (i, candidate) in candidates.enumerated() {
                run = i > 0 && candidates[i - 1].head == candidate.head ? run + 1 : 0
                if run < leaving { kept.append(candidate) }
            }
            kept.sort { ($0.member, $0.head) < ($1.member, $1.head) }
            var k = 0
            while k < kept.count {
                let member = kept[k].member
                let node = flow.addNode()
                let firstArc = flow.arcCount
                while k < kept.count && kept[k].member == member {
                    flow.addArc(from: node, to: kept[k].head, capacity: 1, cost: kept[k].cost)
                    k += 1
                }
                if originNode[origin] < 0 { originNode[origin] = flow.addNode() }
                originEmployees[origin] += 1
                let inArc = flow.addArc(from: originNode[origin], to: node, capacity: 1, cost: 0)
                employeeArcs.append((order[blockStart + member], inArc, firstArc..<inArc))
            }
            blockStart = blockEnd
        }
        employees = employeeArcs.sorted { $0.employee < $1.employee }

        // Origins: one arc from the source per surplus seat that someone could leave.
        var releasable = 0
        for s in slots.indices where originNode[s] >= 0 {
            let seats = min(workforce.surplus[s], originEmployees[s])
            let arcs = (0..<seats).map { k in
                flow.addArc(from: Self.source, to: originNode[s], capacity: 1,
                            cost: -PlanningRules.releaseBenefit(need: slots[s].need, surplus: workforce.surplus[s], k: k + 1))
            }
            releasable += seats
            releaseArcs.append((s, arcs))
        }
        flow.addArc(from: Self.sink, to: Self.source, capacity: releasable, cost: 0)

        try progress(1)
    }

    private var hubLevel: [Int] = []

    /// planning.md's `qualified(e, t)` for an eligible employee.
    static func qualified(_ e: PlanningInstance.Employee, origin: Int, target t: Int, _ workforce: Workforce) -> Bool {
        let slot = workforce.instance.slots[t]
        let policy = workforce.instance.policy
        return t != origin && workforce.deficit[t] > 0
            && slot.minGrade <= e.grade && e.grade <= slot.maxGrade
            && (slot.educationFields.isEmpty || slot.educationFields.contains(e.educationField))
            && PlanningRules.gap(e.competencies, slot.competencies) <= policy.maxTrainableGap
            && PlanningRules.inScope(policy.scope, from: workforce.instance.slots[origin].region, to: slot.region)
    }

    /// The moves of an optimal circulation: each employee's unit of flow followed from its hub
    /// up the tree to a target that still has flow coming in from that hub.
    func moves(_ solution: MinCostFlow.Solution) -> [(employee: Int, target: Int)] {
        var remaining = solution.flows
        var cursor = [Int](repeating: 0, count: hubTargets.count)
        var result: [(employee: Int, target: Int)] = []
        for (e, inArc, outArcs) in employees where remaining[inArc] > 0 {
            guard let arc = outArcs.first(where: { remaining[$0] > 0 }) else { continue }
            remaining[arc] -= 1
            let head = Int(flow.heads[arc])
            if head < hubBase {
                result.append((e, targetSlots[head - 2]))
                continue
            }
            var h = head - hubBase
            while true {
                let targets = hubTargets[h]
                while cursor[h] < targets.count && remaining[targets[cursor[h]].arc] == 0 { cursor[h] += 1 }
                if cursor[h] < targets.count {
                    remaining[targets[cursor[h]].arc] -= 1
                    result.append((e, targets[cursor[h]].slot))
                    break
                }
                let (parentArc, parent) = hubParent[h]!
                remaining[parentArc] -= 1
                h = parent
            }
        }
        return result
    }
}

/// Numbers equal values in the order they are first seen, so that the network does not depend
/// on hashing order and a run is repeatable.
struct Interner<Value: Hashable> {
    private var ids: [Value: Int] = [:]
    private(set) var values: [Value] = []

    var count: Int { values.count }

    mutating func intern(_ value: Value) -> (id: Int, isNew: Bool) {
        if let id = ids[value] { return (id, false) }
        ids[value] = values.count
        values.append(value)
        return (values.count - 1, true)
    }

    func id(of value: Value) -> Int? { ids[value] }
}

/// An arc from one employee of an origin (its `member` number) to a hub or target node.
struct ArcCandidate {
    var head: Int
    var cost: Int
    var member: Int
}

struct Requirement: Hashable {
    var code: Int
    var level: Int
}

struct FamilyKey: Hashable {
    var minGrade: Int
    var maxGrade: Int
    var fields: [Int]
}

struct KindKey: Hashable {
    var family: Int
    var requirements: [Requirement]
}
