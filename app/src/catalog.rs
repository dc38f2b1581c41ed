//! `catalog.json`: every lesson and every rule, for embedders and tools. The shape is a
//! published interface (issue 4); change it only additively.

use serde::Serialize;

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct CatalogLesson {
    pub id: String,
    pub chapter: u32,
    pub title_zh: String,
    pub title_en: String,
    pub rules: Vec<String>,
    pub buggy: String,
    pub fixed: String,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct CatalogRule {
    pub code: String,
    pub name: String,
    pub severity: String,
    pub title_zh: String,
    pub title_en: String,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Catalog {
    pub lessons: Vec<CatalogLesson>,
    pub rules: Vec<CatalogRule>,
}

pub fn build() -> Catalog {
    Catalog {
        lessons: lessons::all()
            .iter()
            .map(|l| CatalogLesson {
                id: l.meta.id.clone(),
                chapter: l.meta.chapter,
                title_zh: l.meta.title_zh.clone(),
                title_en: l.meta.title_en.clone(),
                rules: l.target_codes(),
                buggy: l.buggy.to_string(),
                fixed: l.fixed.to_string(),
            })
            .collect(),
        rules: analyzer_core::rules()
            .iter()
            .map(|r| CatalogRule {
                code: r.code.to_string(),
                name: r.name.to_string(),
                severity: r.severity.as_str().to_string(),
                title_zh: r.title_zh.to_string(),
                title_en: r.title_en.to_string(),
            })
            .collect(),
    }
}

/// Pretty-printed, deterministic (lessons in curriculum order, rules by code).
pub fn to_json() -> String {
    let mut s = serde_json::to_string_pretty(&build()).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_exactly_the_published_shape() {
        let v: serde_json::Value = serde_json::from_str(&to_json()).unwrap();
        let top: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
        assert_eq!(top, ["lessons", "rules"]);
        let rules = v["rules"].as_array().unwrap();
        assert_eq!(rules.len(), analyzer_core::rules().len());
        assert!(!rules.is_empty());
        let mut keys: Vec<_> = rules[0].as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(keys, ["code", "name", "severity", "title_en", "title_zh"]);
        for l in v["lessons"].as_array().unwrap() {
            let mut keys: Vec<_> = l.as_object().unwrap().keys().cloned().collect();
            keys.sort();
            assert_eq!(
                keys,
                [
                    "buggy", "chapter", "fixed", "id", "rules", "title_en", "title_zh"
                ]
            );
        }
        assert_eq!(v["lessons"].as_array().unwrap().len(), lessons::all().len());
    }

    #[test]
    fn is_deterministic_and_rules_are_sorted() {
        assert_eq!(to_json(), to_json());
        let c = build();
        let codes: Vec<_> = c.rules.iter().map(|r| r.code.clone()).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        assert_eq!(codes, sorted);
    }
}
