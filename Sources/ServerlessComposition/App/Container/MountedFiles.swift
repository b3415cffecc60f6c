/// `spec.files`: one volume and one mount per entry. ConfigMaps and Secrets are mounted read-only
/// (the kubelet refreshes their files when the object changes); emptyDir is writable scratch space.
extension MountedFile {
  /// The pod's name for the entry's volume: its place in `spec.files`.
  static func volumeName(_ index: Int) -> String { "file-\(index)" }

  static func apply(_ files: [MountedFile], toPod podSpec: inout Value, container: inout Value) {
    guard !files.isEmpty else { return }
    podSpec["volumes"] = .array(files.enumerated().map { index, file in file.volume(named: volumeName(index)) })
    container["volumeMounts"] = .array(
      files.enumerated().map { index, file in
        var mount: Value = ["name": .string(volumeName(index)), "mountPath": .string(file.path)]
        if file.isReadOnly { mount["readOnly"] = true }
        return mount
      })
  }

  var isReadOnly: Bool {
    if case .emptyDir = source { return false }
    return true
  }

  func volume(named name: String) -> Value {
    switch source {
    case .configMap(let configMap): return ["name": .string(name), "configMap": ["name": .string(configMap)]]
    case .secret(let secret): return ["name": .string(name), "secret": ["secretName": .string(secret)]]
    case .emptyDir(let sizeLimit, let memory):
      var emptyDir: Value = [:]
      if let sizeLimit { emptyDir["sizeLimit"] = .string(sizeLimit.text) }
      if memory { emptyDir["medium"] = "Memory" }
      return ["name": .string(name), "emptyDir": emptyDir]
    }
  }
}
