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

  /// "\u{212A}" (Kelvin) equals "K" as Strings do, yet `<` orders neither it nor "Key" before the
  /// other: keys beyond ASCII are found and merged by equality, as a dictionary finds them.
  @Test func keysBeyondASCIIAreFoundAndMergedAsADictionaryWould() {
    let kelvin = "\u{212A}"
    let members: [(key: String, value: Value)] = [("K", 1), ("Ka", 2), (kelvin, 3), ("Key", 4)]
    let object = JSONObject(members)
    #expect(object.count == 3)
    let found: [Value?] = ["K", kelvin, "Key", "Ka"].map { object[$0] }
    #expect(found == [3, 3, 4, 2])
    #expect(object.dictionary == ["K": 3, "Ka": 2, "Key": 4])
    let shuffled = JSONObject(members.dropFirst().reversed())
    #expect(shuffled == object)
    #expect(shuffled.hashValue == object.hashValue)
    var edited = shuffled
    edited["Key"] = 5
    edited["K"] = nil
    #expect(edited.count == 2)
    #expect(edited["Key"] == Value(5))
    #expect(edited[kelvin] == nil)
    let accents: [(key: String, value: Value)] = [("e\u{301}", 1), ("\u{E9}a", 2), ("\u{E9}", 3)]
    let decomposed = JSONObject(accents)
    #expect(decomposed.count == 2)
    #expect(decomposed["\u{E9}"] == Value(3))
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
