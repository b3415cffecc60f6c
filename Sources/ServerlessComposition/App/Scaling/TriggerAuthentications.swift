/// KEDA's TriggerAuthentication for a trigger whose secrets come from a Secret
/// (`spec.scaling.triggers[].authentication.secret`): one per such trigger, in the App's namespace,
/// named `<app>.trigger-<name or place>` (App names hold no dot, so two Apps never share one); each
/// scaler parameter read from a key of that Secret
/// (keda v2.20.2 `apis/keda/v1alpha1/triggerauthentication_types.go`, `secretTargetRef`). A trigger
/// that names an existing one (`ref`) points at it instead.
enum TriggerAuthentications {
  /// The TriggerAuthentication a trigger points at; nil when it takes no secrets.
  static func name(_ app: AppSpec, _ trigger: CustomTrigger, index: Int) -> String? {
    switch trigger.authentication {
    case .secret?: "\(app.name).trigger-\(trigger.key(index: index))"
    case .reference(let name)?: name
    case nil: nil
    }
  }

  /// The composed ones, by the key of their Object (`<app>-trigger-auth-<name or place>`).
  static func composed(_ app: AppSpec) -> [(key: String, manifest: Value)] {
    guard app.scalingEnabled, let scaling = app.scaling else { return [] }
    return scaling.triggers.enumerated().compactMap { index, trigger in
      guard case .secret(let secret, let parameters) = trigger.authentication,
        let name = name(app, trigger, index: index)
      else { return nil }
      let targets: [Value] = parameters.keys.sorted().map { parameter in
        ["parameter": .string(parameter), "name": .string(secret), "key": .string(parameters[parameter] ?? "")]
      }
      let manifest: Value = [
        "apiVersion": "keda.sh/v1alpha1", "kind": "TriggerAuthentication",
        "metadata": ["name": .string(name), "namespace": .string(app.namespace), "labels": AppComposition.labels(app)],
        "spec": ["secretTargetRef": .array(targets)],
      ]
      return (app.names.triggerAuthentication(trigger.key(index: index)), manifest)
    }
  }
}
