//! `resume schema`: the JSON Schema generated from the model types accepts
//! every real résumé and rejects a misspelt key.

mod common;

fn validator() -> (boon::Schemas, boon::SchemaIndex) {
    let out = common::bin().arg("schema").output().unwrap();
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource("resume.schema.json", schema).unwrap();
    let index = compiler
        .compile("resume.schema.json", &mut schemas)
        .unwrap();
    (schemas, index)
}

fn as_json(toml_text: &str) -> serde_json::Value {
    let value: toml::Value = toml::from_str(toml_text).unwrap();
    serde_json::to_value(value).unwrap()
}

#[test]
fn the_schema_accepts_the_seed_and_every_example() {
    let (schemas, index) = validator();
    let mut files = vec![common::root().join("resume.toml")];
    for entry in std::fs::read_dir(common::root().join("examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            files.push(path);
        }
    }
    for file in files {
        let instance = as_json(&std::fs::read_to_string(&file).unwrap());
        if let Err(e) = schemas.validate(&instance, index) {
            panic!("{} does not validate: {e}", file.display());
        }
    }
}

#[test]
fn the_schema_rejects_a_misspelt_key() {
    let (schemas, index) = validator();
    let seed = std::fs::read_to_string(common::root().join("resume.toml")).unwrap();
    let typo = seed.replacen(
        "location = \"Gurugram, India\"",
        "locaton = \"Gurugram, India\"",
        1,
    );
    assert_ne!(typo, seed);
    let instance = as_json(&typo);
    let error = schemas.validate(&instance, index).unwrap_err();
    assert!(format!("{error:#}").contains("locaton"), "{error:#}");
    // Bullets are strings or tables with known keys only.
    let bad_bullet = seed.replacen("tags = [\"web3\"]", "tagz = [\"web3\"]", 1);
    assert!(schemas.validate(&as_json(&bad_bullet), index).is_err());
}

/// Every field of the model has a description.
#[test]
fn every_field_is_described() {
    let out = common::bin().arg("schema").output().unwrap();
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut missing = Vec::new();
    let mut check = |owner: &str, props: &serde_json::Value| {
        for (name, prop) in props.as_object().into_iter().flatten() {
            if prop.get("description").is_none() {
                missing.push(format!("{owner}.{name}"));
            }
        }
    };
    check("Resume", &schema["properties"]);
    for (name, def) in schema["$defs"].as_object().unwrap() {
        check(name, &def["properties"]);
    }
    assert!(missing.is_empty(), "undocumented fields: {missing:?}");
}
