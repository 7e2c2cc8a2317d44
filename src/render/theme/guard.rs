//! Keeps a theme's templates from running forever or overflowing the stack. Tera has no bound on how deep
//! `{% include %}`s and macro calls go, and a stack overflow aborts the whole process without a message, so what
//! could recurse is refused before anything renders: a template that includes itself (directly or through
//! others), an include of a template that does not exist, and a macro that calls itself (directly or through
//! others). The `range` function is replaced by one with a budget per page, so that a loop over a huge range
//! ends with an error instead of taking all memory and time.
//!
//! It does not judge what a template shows: that is up to rendering.

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use tera::ast::{Expr, ExprVal, Node};

use crate::diagnostic::Diagnostic;

/// The most numbers one call of `range` may give, and all calls while rendering one page together.
pub const RANGE_LIMIT: usize = 10_000;
pub const RANGE_BUDGET: usize = 100_000;

/// One template: the file it came from (as shown to the user), its text and what tera parsed of it.
pub struct Parsed<'a> {
    pub file: &'a str,
    pub text: &'a str,
    pub template: tera::Template,
}

/// Every include cycle, include of a missing template and macro cycle in a theme's templates, by name.
pub fn check(templates: &BTreeMap<String, Parsed<'_>>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    check_includes(templates, &mut problems);
    check_macros(templates, &mut problems);
    problems
}

fn check_includes(templates: &BTreeMap<String, Parsed<'_>>, problems: &mut Vec<Diagnostic>) {
    let mut edges: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (name, parsed) in templates {
        let mut includes = Vec::new();
        walk(&parsed.template.ast, &mut |node| {
            if let Node::Include(_, names, ignore_missing) = node {
                includes.push((names.clone(), *ignore_missing));
            }
        });
        let targets = edges.entry(name).or_default();
        for (names, ignore_missing) in includes {
            let found: Vec<&String> = names
                .iter()
                .filter(|n| templates.contains_key(*n))
                .collect();
            if found.is_empty() && !ignore_missing {
                problems.push(
                    Diagnostic::error(format!(
                        "the template includes `{}`, which does not exist",
                        names.join("` or `")
                    ))
                    .in_file(parsed.file)
                    .at_opt(find(parsed.text, &names[0]))
                    .hint("include a template of the theme (see its templates/ folder), or add `ignore missing`"),
                );
            }
            targets.extend(found.into_iter().take(1).cloned());
        }
        if let Some(parent) = &parsed.template.parent {
            targets.push(parent.clone());
        }
    }
    for cycle in cycles(&edges) {
        let first = &templates[cycle[0].as_str()];
        let message = if cycle.len() == 1 {
            format!("the template {} includes or extends itself", cycle[0])
        } else {
            format!(
                "the templates {} include or extend each other in a circle",
                cycle.join(" → ")
            )
        };
        problems.push(
            Diagnostic::error(message)
                .in_file(first.file)
                .at_opt(find(first.text, cycle.get(1).unwrap_or(&cycle[0])))
                .hint("an include or extends that comes back to where it started never ends; remove one of them"),
        );
    }
}

fn check_macros(templates: &BTreeMap<String, Parsed<'_>>, problems: &mut Vec<Diagnostic>) {
    // A macro is known as "template::macro"; a call inside it names a namespace: `self` or an import.
    let mut edges: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, parsed) in templates {
        let imports: HashMap<&str, &str> = parsed
            .template
            .imported_macro_files
            .iter()
            .map(|(file, namespace)| (namespace.as_str(), file.as_str()))
            .collect();
        for (macro_name, definition) in &parsed.template.macros {
            let mut calls = Vec::new();
            walk(&definition.body, &mut |node| {
                calls_in_node(node, &mut calls)
            });
            let targets = edges.entry(format!("{name}::{macro_name}")).or_default();
            for (namespace, called) in calls {
                let file = if namespace == "self" {
                    Some(name.as_str())
                } else {
                    imports.get(namespace.as_str()).copied()
                };
                if let Some(file) = file {
                    targets.push(format!("{file}::{called}"));
                }
            }
        }
    }
    for cycle in cycles(&edges) {
        let (template, first) = cycle[0].split_once("::").unwrap_or(("", &cycle[0]));
        let Some(parsed) = templates.get(template) else {
            continue;
        };
        let names: Vec<&str> = cycle
            .iter()
            .map(|c| c.split_once("::").map_or(c.as_str(), |(_, m)| m))
            .collect();
        let message = if cycle.len() == 1 {
            format!("the macro `{first}` calls itself")
        } else {
            format!(
                "the macros {} call each other in a circle",
                names.join(" → ")
            )
        };
        problems.push(
            Diagnostic::error(message)
                .in_file(parsed.file)
                .at_opt(find(parsed.text, &format!("macro {first}")))
                .hint("kennisbank does not run recursive macros (one that never stops would crash the build); \
                       loop over the nested list with {% for %} instead"),
        );
    }
}

/// Calls every node in a tree of nodes, depth first.
fn walk(nodes: &[Node], visit: &mut dyn FnMut(&Node)) {
    for node in nodes {
        visit(node);
        match node {
            Node::MacroDefinition(_, definition, _) => walk(&definition.body, visit),
            Node::Block(_, block, _) => walk(&block.body, visit),
            Node::FilterSection(_, section, _) => walk(&section.body, visit),
            Node::Forloop(_, forloop, _) => {
                walk(&forloop.body, visit);
                if let Some(empty) = &forloop.empty_body {
                    walk(empty, visit);
                }
            }
            Node::If(condition, _) => {
                for (_, _, body) in &condition.conditions {
                    walk(body, visit);
                }
                if let Some((_, body)) = &condition.otherwise {
                    walk(body, visit);
                }
            }
            _ => {}
        }
    }
}

/// The macro calls (namespace, name) in the expressions of one node (not in the nodes under it).
fn calls_in_node(node: &Node, calls: &mut Vec<(String, String)>) {
    match node {
        Node::VariableBlock(_, expr) => calls_in(expr, calls),
        Node::Set(_, set) => calls_in(&set.value, calls),
        Node::Forloop(_, forloop, _) => calls_in(&forloop.container, calls),
        Node::If(condition, _) => {
            for (_, expr, _) in &condition.conditions {
                calls_in(expr, calls);
            }
        }
        Node::FilterSection(_, section, _) => section
            .filter
            .args
            .values()
            .for_each(|e| calls_in(e, calls)),
        _ => {}
    }
}

fn calls_in(expr: &Expr, calls: &mut Vec<(String, String)>) {
    for filter in &expr.filters {
        filter.args.values().for_each(|e| calls_in(e, calls));
    }
    calls_in_value(&expr.val, calls);
}

fn calls_in_value(value: &ExprVal, calls: &mut Vec<(String, String)>) {
    match value {
        ExprVal::MacroCall(call) => {
            calls.push((call.namespace.clone(), call.name.clone()));
            call.args.values().for_each(|e| calls_in(e, calls));
        }
        ExprVal::FunctionCall(call) => call.args.values().for_each(|e| calls_in(e, calls)),
        ExprVal::Math(math) => {
            calls_in(&math.lhs, calls);
            calls_in(&math.rhs, calls);
        }
        ExprVal::Logic(logic) => {
            calls_in(&logic.lhs, calls);
            calls_in(&logic.rhs, calls);
        }
        ExprVal::In(within) => {
            calls_in(&within.lhs, calls);
            calls_in(&within.rhs, calls);
        }
        ExprVal::Test(test) => test.args.iter().for_each(|e| calls_in(e, calls)),
        ExprVal::Array(items) => items.iter().for_each(|e| calls_in(e, calls)),
        ExprVal::StringConcat(concat) => {
            concat.values.iter().for_each(|v| calls_in_value(v, calls))
        }
        ExprVal::String(_)
        | ExprVal::Int(_)
        | ExprVal::Float(_)
        | ExprVal::Bool(_)
        | ExprVal::Ident(_) => {}
    }
}

/// Every cycle in a graph, once, as the nodes on it starting from the smallest, in graph order.
fn cycles<K: AsRef<str> + Ord>(edges: &BTreeMap<K, Vec<String>>) -> Vec<Vec<String>> {
    let graph: BTreeMap<&str, &Vec<String>> = edges.iter().map(|(k, v)| (k.as_ref(), v)).collect();
    let mut found = BTreeSet::new();
    // Iterative depth-first search from every node, so a long chain cannot overflow this stack either.
    for &start in graph.keys() {
        let mut path: Vec<(&str, usize)> = vec![(start, 0)];
        let mut on_path: BTreeSet<&str> = BTreeSet::from([start]);
        let mut done: BTreeSet<&str> = BTreeSet::new();
        while let Some((node, next)) = path.last_mut() {
            let targets = graph.get(*node).map_or(&[][..], |t| t.as_slice());
            let Some(target) = targets.get(*next) else {
                done.insert(node);
                on_path.remove(*node);
                path.pop();
                continue;
            };
            *next += 1;
            let target = target.as_str();
            if on_path.contains(target) {
                let from = path.iter().position(|(n, _)| *n == target).unwrap_or(0);
                let mut cycle: Vec<String> =
                    path[from..].iter().map(|(n, _)| n.to_string()).collect();
                let smallest = (0..cycle.len()).min_by_key(|&i| &cycle[i]).unwrap_or(0);
                cycle.rotate_left(smallest);
                found.insert(cycle);
            } else if !done.contains(target) && graph.contains_key(target) {
                on_path.insert(target);
                path.push((target, 0));
            }
        }
    }
    found.into_iter().collect()
}

fn find(text: &str, needle: &str) -> Option<std::ops::Range<usize>> {
    text.find(needle).map(|at| at..at + needle.len())
}

thread_local! {
    static RANGE_LEFT: Cell<usize> = const { Cell::new(RANGE_BUDGET) };
}

/// Gives the page about to render on this thread its full `range` budget.
pub fn reset_budget() {
    RANGE_LEFT.with(|left| left.set(RANGE_BUDGET));
}

/// tera's `range`, bounded: see [`RANGE_LIMIT`] and [`RANGE_BUDGET`].
pub fn range(args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let number = |key: &str, default: u64| -> tera::Result<u64> {
        match args.get(key) {
            None => Ok(default),
            Some(value) => value.as_u64().ok_or_else(|| {
                tera::Error::msg(format!(
                    "`range` needs a whole number of 0 or more for `{key}`, not {value}"
                ))
            }),
        }
    };
    let start = number("start", 0)?;
    let end = number("end", 0)?;
    let step = number("step_by", 1)?.max(1);
    let count = end.saturating_sub(start).div_ceil(step);
    let left = RANGE_LEFT.with(Cell::get);
    if count > RANGE_LIMIT as u64 || count > left as u64 {
        return Err(tera::Error::msg(format!(
            "`range` would count {count} numbers; a page may count at most {RANGE_LIMIT} at once and \
             {RANGE_BUDGET} in all"
        )));
    }
    RANGE_LEFT.with(|cell| cell.set(left - count as usize));
    Ok((start..end)
        .step_by(step as usize)
        .collect::<Vec<u64>>()
        .into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(templates: &[(&'static str, &'static str)]) -> BTreeMap<String, Parsed<'static>> {
        templates
            .iter()
            .map(|(name, text)| {
                let template = tera::Template::new(name, None, text).unwrap();
                (
                    name.to_string(),
                    Parsed {
                        file: name,
                        text,
                        template,
                    },
                )
            })
            .collect()
    }

    fn messages(templates: &[(&'static str, &'static str)]) -> Vec<String> {
        check(&parse(templates))
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn finds_include_cycles_and_missing_includes() {
        assert_eq!(
            messages(&[("a", "{% include \"a\" %}")]),
            ["the template a includes or extends itself"]
        );
        assert_eq!(
            messages(&[
                ("a", "{% if x %}{% include \"b\" %}{% endif %}"),
                ("b", "{% include \"a\" %}")
            ]),
            ["the templates a → b include or extend each other in a circle"]
        );
        assert_eq!(
            messages(&[(
                "a",
                "{% include \"weg\" %}{% include \"weg2\" ignore missing %}"
            )]),
            ["the template includes `weg`, which does not exist"]
        );
        assert!(
            messages(&[("a", "{% include \"b\" %}{% include \"b\" %}"), ("b", "x")]).is_empty()
        );
    }

    #[test]
    fn finds_recursive_macros() {
        assert_eq!(
            messages(&[("m", "{% macro f(n) %}{{ self::f(n=n+1) }}{% endmacro f %}")]),
            ["the macro `f` calls itself"]
        );
        assert_eq!(
            messages(&[
                ("m", "{% import \"n\" as n %}{% macro f() %}{% if 1 %}{{ n::g() }}{% endif %}{% endmacro f %}"),
                ("n", "{% import \"m\" as m %}{% macro g() %}{{ m::f() | upper }}{% endmacro g %}"),
            ]),
            ["the macros f → g call each other in a circle"]
        );
        assert!(messages(&[(
            "m",
            "{% macro f() %}{{ self::g() }}{% endmacro f %}{% macro g() %}x{% endmacro g %}"
        )])
        .is_empty());
    }

    #[test]
    fn range_is_bounded_per_page() {
        let args = |end: u64| HashMap::from([("end".to_string(), tera::Value::from(end))]);
        reset_budget();
        assert_eq!(
            range(&args(3)).unwrap(),
            tera::Value::from(vec![0u64, 1, 2])
        );
        assert!(range(&args(100_000_000_000)).is_err());
        for _ in 0..9 {
            range(&args(10_000)).unwrap();
        }
        assert!(range(&args(10_000)).is_err(), "the page's budget is spent");
        reset_budget();
        assert!(range(&args(10_000)).is_ok());
    }
}
