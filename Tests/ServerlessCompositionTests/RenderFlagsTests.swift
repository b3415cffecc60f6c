import Foundation
import FunctionRender
import Testing

/// `render`'s flags for what the step asks Crossplane for (`--required-resources`, `--required-schemas`),
/// for the XR's own schema (`--xrd`) and for what it prints (`--include-full-xr`).
struct RenderFlagsTests {
  static let examples = WalkthroughTests.repository.appendingPathComponent("examples/app")

  /// A scratch folder with the given files, removed when the test ends.
  final class Scratch {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("render-flags-\(UUID().uuidString)")

    init(_ files: [String: String]) throws {
      for (name, text) in files {
        let file = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
      }
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: folder) }
  }

  static let backend = """
    apiVersion: devopstoolkit.live/v1beta1
    kind: App
    metadata: {name: env-backend, namespace: a-team}
    spec:
      image: ghcr.io/vfarcic/silly-demo
      tag: v1.5.235
      port: 8080
      providerConfigName: a-team
      routing: none
      minReplicas: 0
      scaling: {enabled: true, wakeWith: env-frontend}

    """

  static let frontend = """
    apiVersion: devopstoolkit.live/v1beta1
    kind: App
    metadata: {name: env-frontend, namespace: a-team}
    spec:
      image: ghcr.io/vfarcic/silly-demo-frontend
      tag: v1.5.235
      port: 8080
      providerConfigName: a-team
      host: env.example.com
      routing: gateway-api
      minReplicas: 0
      scaling: {enabled: true}

    """

  @Test func withoutRequiredResourcesRenderSaysWhatToPass() throws {
    let scratch = try Scratch(["xr.yaml": Self.backend])
    var notes: [String] = []
    let output = try Renderer.render(.init(xr: scratch.path("xr.yaml")), includeFunctionResults: false) { notes.append($0) }
    #expect(notes.count == 1)
    #expect(notes.first?.contains("App \"env-frontend\"") == true)
    #expect(notes.first?.contains("--required-resources") == true)
    #expect(notes.first?.contains("kubectl get app.devopstoolkit.live env-frontend -n a-team -o yaml") == true)
    #expect(output.contains("env-backend-scaled-object"), "unchecked, the App composes as before")
    #expect(output.contains("reason: WakeWithNotChecked"))
  }

  @Test func requiredResourcesAnswerTheStepFromAFileOrAFolder() throws {
    let atOne = Self.frontend.replacingOccurrences(of: "minReplicas: 0", with: "minReplicas: 1")
    let scratch = try Scratch([
      "xr.yaml": Self.backend, "cluster/frontend.yaml": Self.frontend, "empty.yaml": "# nothing\n", "at-one.yaml": atOne,
    ])
    var notes: [String] = []
    let found = try Renderer.render(
      .init(xr: scratch.path("xr.yaml"), requiredResources: [scratch.path("cluster")]), includeFunctionResults: false
    ) { notes.append($0) }
    #expect(notes.isEmpty)
    #expect(found.contains("reason: Consistent"))
    let notAtZero = try Renderer.render(
      .init(xr: scratch.path("xr.yaml"), requiredResources: [scratch.path("at-one.yaml")]), includeFunctionResults: false)
    #expect(notAtZero.contains("reason: WakeWithAppNotAtZero"))
    let missing = try Renderer.render(
      .init(xr: scratch.path("xr.yaml"), requiredResources: [scratch.path("empty.yaml")]), includeFunctionResults: false)
    #expect(missing.contains("reason: WakeWithAppMissing"))
  }

  @Test func aKubectlListIsReadAsItsItems() throws {
    let list =
      "apiVersion: v1\nkind: List\nitems:\n"
      + Self.frontend.split(separator: "\n").enumerated().map { index, line in
        (index == 0 ? "- " : "  ") + line
      }.joined(separator: "\n") + "\n"
    let scratch = try Scratch(["xr.yaml": Self.backend, "list.yaml": list])
    let output = try Renderer.render(
      .init(xr: scratch.path("xr.yaml"), requiredResources: [scratch.path("list.yaml")]), includeFunctionResults: false)
    #expect(output.contains("reason: Consistent"))
  }

  @Test func requiredSchemasNeedJSONDocuments() throws {
    let scratch = try Scratch(["xr.yaml": Self.frontend, "schemas/README.md": "none\n"])
    #expect(throws: Renderer.Fatal.self) {
      try Renderer.render(.init(xr: scratch.path("xr.yaml"), requiredSchemas: scratch.path("schemas")), includeFunctionResults: false)
    }
  }

  @Test func theXRDsDefaultsAreAppliedAndShownWithTheFullXR() throws {
    let scratch = try Scratch(["xr.yaml": Self.frontend])
    let files = Renderer.Files(xr: scratch.path("xr.yaml"), xrd: Self.examples.appendingPathComponent("xrd.yaml").path)
    let full = try Renderer.render(files, includeFunctionResults: false, includeFullXR: true)
    // The XR's own spec, with spec.scaling.prometheusAddress from the XRD's default.
    #expect(full.contains("\n  image: ghcr.io/vfarcic/silly-demo-frontend\n"))
    #expect(full.contains("\n    prometheusAddress: http://kube-prometheus-stack-prometheus.prometheus-system:9090\n"))
    let short = try Renderer.render(files, includeFunctionResults: false)
    #expect(!short.contains("\n  image: ghcr.io/vfarcic/silly-demo-frontend\n"), "without -x the XR is its status")
  }

  @Test func theFullXRKeepsTheXRsOwnStatus() throws {
    let scratch = try Scratch(["xr.yaml": Self.frontend + "status:\n  legacy: kept\n"])
    let full = try Renderer.render(.init(xr: scratch.path("xr.yaml")), includeFunctionResults: false, includeFullXR: true)
    #expect(full.contains("\n  legacy: kept\n"))
  }

  @Test func nullsAreDroppedOrDefaultedAsTheAPIServerDoes() throws {
    // targetNamespace: null is dropped (no default); scaling.prometheusAddress: null takes its default.
    let scratch = try Scratch([
      "xr.yaml": Self.frontend.replacingOccurrences(
        of: "scaling: {enabled: true}", with: "scaling: {enabled: true, prometheusAddress: null}")
        + "  targetNamespace: null\n"
    ])
    let files = Renderer.Files(xr: scratch.path("xr.yaml"), xrd: Self.examples.appendingPathComponent("xrd.yaml").path)
    let full = try Renderer.render(files, includeFunctionResults: false, includeFullXR: true)
    #expect(!full.contains("targetNamespace"))
    #expect(full.contains("\n    prometheusAddress: http://kube-prometheus-stack-prometheus.prometheus-system:9090\n"))
  }

  @Test func anXRTheSchemaRefusesNamesEveryField() throws {
    let scratch = try Scratch([
      "xr.yaml": """
      apiVersion: devopstoolkit.live/v1beta1
      kind: App
      metadata: {name: x, namespace: a}
      spec: {image: i, tag: t, minReplicas: -1, imagee: typo, scaling: {enabled: "yes"}}

      """
    ])
    let files = Renderer.Files(xr: scratch.path("xr.yaml"), xrd: Self.examples.appendingPathComponent("xrd.yaml").path)
    let error = #expect(throws: Renderer.Fatal.self) { try Renderer.render(files, includeFunctionResults: false) }
    let message = error?.description ?? ""
    for field in [
      "spec.providerConfigName: required", "spec.imagee: unknown field", "spec.minReplicas: expected at least 0",
      "spec.scaling.enabled: expected boolean",
    ] {
      #expect(message.contains(field), "\(field) in \(message)")
    }
  }

  @Test func anXRDOfAnotherKindIsAnError() throws {
    let scratch = try Scratch(["xr.yaml": Self.frontend])
    let xrd = WalkthroughTests.repository.appendingPathComponent("examples/cluster/xrd.yaml").path
    let error = #expect(throws: Renderer.Fatal.self) {
      try Renderer.render(.init(xr: scratch.path("xr.yaml"), xrd: xrd), includeFunctionResults: false)
    }
    #expect(error?.description.contains("not the XR's kind \"App\"") == true)
  }
}
