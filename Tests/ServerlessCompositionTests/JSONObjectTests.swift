import ServerlessComposition
import Testing

/// Objects keep their members in key order, whatever order they are built in, and behave as the
/// dictionaries they replace: a key given twice keeps its last value, nil removes.
struct JSONObjectTests {
  static let members: [(key: String, value: Value)] = [
    ("spec", ["replicas": 2]), ("apiVersion", "apps/v1"), ("kind", "Deployment"), ("", "empty key"),
    ("Zeta", true), ("älpha", 1), ("metadata", ["name": "a"]), ("a.b", .null),
  ]

  @Test func membersAreInKeyOrderWhateverOrderTheyCameIn() {
    let sortedKeys = Self.members.map(\.key).sorted()
    for rotation in 0..<Self.members.count {
      let rotated = Array(Self.members[rotation...] + Self.members[..<rotation])
      for order in [rotated, rotated.reversed()] {
        let object = JSONObject(order)
        #expect(object.keys == sortedKeys)
        #expect(object == JSONObject(Self.members))
        var inserted = JSONObject()
        for (key, value) in order { inserted[key] = value }
        #expect(inserted == object)
        #expect(inserted.map(\.key) == sortedKeys)
      }
    }
  }

  @Test func behavesAsADictionary() {
    var object = JSONObject(Self.members)
    var dictionary = Dictionary(Self.members, uniquingKeysWith: { $1 })
    #expect(object.dictionary == dictionary)
    let edits: [(String, Value?)] = [("kind", "StatefulSet"), ("spec", nil), ("new", [1, 2]), ("missing", nil), ("", nil), ("~", "last")]
    for (key, value) in edits {
      object[key] = value
      dictionary[key] = value
      #expect(object.dictionary == dictionary)
      #expect(object[key] == dictionary[key])
    }
    #expect(object.count == dictionary.count)
    #expect(object.removeValue(forKey: "kind") == "StatefulSet")
    #expect(object["kind"] == nil)
    #expect(object.mapValues { _ in .null }.keys == object.keys)
    #expect(object.filter { $0.key.hasPrefix("a") }.keys == ["a.b", "apiVersion"])
    #expect(object.compactMapValues { $0 == .null ? nil : $0 }["a.b"] == nil)
  }

  @Test func aKeyGivenTwiceKeepsItsLastValue() {
    #expect(JSONObject([(key: "a", value: 1), (key: "b", value: 2), (key: "a", value: 3)]) == ["a": 3, "b": 2])
    let literal: Value = ["x": 1, "x": 2]
    #expect(literal == ["x": 2])
  }

  @Test func writingThroughValueSubscriptsAndLookingUpPaths() {
    var value: Value = ["spec": ["template": ["spec": [:]]]]
    value["spec"]?["template"]?["spec"]?["containers"] = [["name": "app"]]
    #expect(value.lookup("spec.template.spec.containers") == [["name": "app"]])
    #expect(value.lookup("spec..template.") == value.lookup("spec.template"))
    #expect(value.lookup("") == value)
    #expect(value.lookup("spec.missing.deeper") == nil)
    #expect(value.lookup("spec.template.spec.containers.name") == nil)
  }
}
