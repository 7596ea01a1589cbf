//! A learning path to Machine Learning Engineer on the embedded catalog, from
//! a junior data person's profile: the steps and why each is there, the
//! stepping-stone roles on the way, and a week-by-week plan at 10 hours a
//! week.
//!
//! Run with `cargo run -p gap-core --example learning_path`.

use gap_core::{Catalog, Order, PathOptions, Profile, Target};

fn main() -> gap_core::Result<()> {
    let catalog = Catalog::default();
    // Python at level 2, SQL, git and a first statistics course.
    let me = Profile::from_refs(["python@2", "sql", "git", "statistics", "pandas"])?;

    // Milestone order: the same steps, ordered so that stepping-stone roles
    // are reached as early as possible.
    let opts = {
        let mut o = PathOptions::default();
        o.order = Order::Milestones;
        o
    };
    let path = catalog.learning_path(&me, &[Target::from("ml-engineer")], &opts)?;
    println!(
        "To {}: {} steps, {:.0} hours ({}).",
        catalog.role("ml-engineer")?.name,
        path.steps.len(),
        path.total_hours,
        if path.optimal {
            "proven shortest"
        } else {
            "best found within the budget"
        }
    );
    for (i, step) in path.steps.iter().enumerate() {
        let why: Vec<String> = step.reasons.iter().map(|r| r.to_string()).collect();
        println!(
            "{:>3}. {:<32} {:>5.0} h   {}",
            i + 1,
            format!(
                "{} (level {})",
                catalog.skill(&step.skill)?.name,
                step.level
            ),
            step.hours,
            why.join("; ")
        );
    }

    println!("\nJob-ready on the way:");
    for m in catalog.milestones(&path)? {
        println!(
            "  {:<34} after step {:>3}, {:>5.0} h",
            catalog.role(&m.role)?.name,
            m.step_index + 1,
            m.hours
        );
    }

    // The week-by-week plan, shown as the weeks each step spans.
    let plan = catalog.schedule(&path, 10.0)?;
    println!(
        "\nAt {} hours a week: {} weeks.",
        plan.hours_per_week, plan.total_weeks
    );
    let mut first_week = vec![0u32; path.steps.len()];
    for week in &plan.weeks {
        for item in &week.items {
            if first_week[item.step_index] == 0 {
                first_week[item.step_index] = week.week;
            }
            if !item.completes {
                continue;
            }
            let step = &path.steps[item.step_index];
            let span = match first_week[item.step_index] {
                w if w == week.week => format!("week  {w}"),
                w => format!("weeks {w}-{}", week.week),
            };
            println!(
                "  {span:<12} {} (level {})",
                catalog.skill(&step.skill)?.name,
                step.level
            );
            for m in plan
                .milestones
                .iter()
                .filter(|m| m.step_index == item.step_index)
            {
                println!(
                    "  {:<12} -> job-ready as {}",
                    "",
                    catalog.role(&m.role)?.name
                );
            }
        }
    }
    Ok(())
}
