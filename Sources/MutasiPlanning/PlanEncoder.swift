/// Writes a plan in the JSON format of planning.md ("Plan (JSON)").
public enum PlanEncoder {
    /// The plan as one line of compact JSON, ending with a newline.
    public static func encode(_ plan: Plan) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.member("objective", plan.objective)
        w.key("moves")
        w.beginArray()
        for move in plan.moves {
            w.beginObject()
            w.member("employee", move.employee)
            w.member("from", move.from)
            w.member("to", move.to)
            w.member("cost", move.cost)
            w.member("fit", move.fit)
            w.member("preference", move.preference)
            w.member("distance", move.distance)
            w.key("trainingNeeds")
            w.beginArray()
            for need in move.trainingNeeds {
                w.beginObject()
                w.member("code", need.code)
                w.member("gap", need.gap)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        for (name, balance) in [("before", plan.before), ("after", plan.after)] {
            w.key(name)
            w.beginObject()
            w.member("need", balance.need)
            w.member("deficit", balance.deficit)
            w.member("surplus", balance.surplus)
            w.member("imbalance", balance.imbalance)
            w.endObject()
        }
        w.endObject()
        w.newline()
        return w.bytes
    }
}
