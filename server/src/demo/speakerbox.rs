//! The demo's Speakerbox: three groups, four members (Jade, Yonas, Sara
//! and Mia), a poll open now, a topic closed last month with enough
//! answers for its results to show and its "you said, we did" under way,
//! an older one whose promise is still only planned (so the CRO sees it
//! flagged), and a draft the CRO is writing.

use time::{Date, Duration};

use crate::{
    speakerbox::{rules, store},
    storage::{Db, iso_date_of, now_millis},
};

/// The members: (sign-in name, their groups by place in `GROUPS`).
const MEMBERS: [(&str, &[usize]); 4] = [
    ("skyblue-fox", &[1]),
    ("sunny-kite", &[1]),
    ("quiet-moon", &[1]),
    ("little-owl", &[0]),
];

const GROUPS: [&str; 3] = ["Junior council", "Council", "Care leavers forum"];

/// The closed topic's answers: (choice, words, named by the member at this
/// place in `MEMBERS`). The rest came from members since left, without a
/// name.
const FAMILY_TIME: [(usize, &str, Option<usize>); 14] = [
    (
        1,
        "I only see my brother once a month and it is not enough.",
        Some(0),
    ),
    (1, "More time at weekends please.", None),
    (1, "", None),
    (1, "The contact centre feels like a waiting room.", None),
    (1, "", None),
    (1, "", None),
    (1, "", None),
    (1, "Let us meet somewhere fun, like the park.", None),
    (0, "", Some(2)),
    (0, "It is fine for me.", None),
    (0, "", None),
    (0, "", None),
    (0, "", None),
    (0, "", None),
];

pub async fn load(db: &Db, cro: i64, today: Date) -> anyhow::Result<()> {
    let now = now_millis();
    let mut tx = db.begin_write().await?;
    let mut groups = Vec::new();
    for name in GROUPS {
        groups.push(store::insert_group(&mut tx, name, now).await?);
    }
    tx.commit().await?;
    let mut members = Vec::new();
    for (name, in_groups) in MEMBERS {
        let child = store::child_by_sign_in_name(db, name)
            .await?
            .ok_or_else(|| anyhow::anyhow!("demo member {name}"))?;
        let chosen: Vec<i64> = in_groups.iter().map(|g| groups[*g]).collect();
        let mut tx = db.begin_write().await?;
        let agreed = iso_date_of(today - Duration::days(120));
        store::add_member(&mut tx, child, &agreed, cro, now, &chosen).await?;
        tx.commit().await?;
        members.push(child);
    }
    let mut tx = db.begin_write().await?;
    let open = rules::NewTopic {
        title: "Pocket money".to_owned(),
        body: "We want to know what you think about pocket money, so we can tell the people who set it."
            .to_owned(),
        question: "What would make pocket money fairer?".to_owned(),
        choices: "It is about right\nIt should be more\nI do not get any".to_owned(),
        several: false,
        groups: Vec::new(),
        opens_on: today - Duration::days(3),
        closes_on: today + Duration::days(14),
    };
    let id = store::insert_topic(&mut tx, &open, cro, now).await?;
    store::publish(&mut tx, id, now).await?;
    let closed = rules::NewTopic {
        title: "Family time".to_owned(),
        body: "Do you get enough time with your family, brothers and sisters?".to_owned(),
        question: "What would make family time better?".to_owned(),
        choices: "Enough\nNot enough\nI do not know".to_owned(),
        several: false,
        groups: vec![groups[1]],
        opens_on: today - Duration::days(45),
        closes_on: today - Duration::days(31),
    };
    let family = store::insert_topic(&mut tx, &closed, cro, now).await?;
    store::publish(&mut tx, family, now).await?;
    for (n, (choice, words, named)) in FAMILY_TIME.iter().enumerate() {
        let answer_id = rules::answer_id();
        let choices = choice.to_string();
        let day = iso_date_of(today - Duration::days(44 - i64::try_from(n % 12)?));
        store::insert_answer(
            &mut tx,
            &store::NewAnswer {
                id: &answer_id,
                topic_id: family,
                child_id: named.map(|m| members[m]),
                choices: &choices,
                words,
                language: (!words.is_empty()).then_some("en"),
                answered_on: &day,
            },
        )
        .await?;
        // Each answer's mark, as the server makes them, needs the server's
        // secret, which the demo does not have: a random stand-in says
        // the same (someone answered) to no one.
        store::insert_mark(&mut tx, family, &rules::answer_id()).await?;
    }
    let day = 86_400_000;
    let item = rules::NewItem {
        said: "Most of you said you do not get enough time with your brothers and sisters, \
               and that the contact centre feels like a waiting room."
            .to_owned(),
        did: "From January, family time can happen at weekends, and somewhere you choose, \
              like the park or a café."
            .to_owned(),
        responsible: "Head of Children's Services".to_owned(),
        status: "planned",
    };
    let id = store::insert_item(&mut tx, family, &item, cro, now - 25 * day).await?;
    store::add_update(
        &mut tx,
        id,
        "Weekend family time has started for the first 12 young people.",
        "in-progress",
        cro,
        now - 10 * day,
    )
    .await?;
    let wifi = rules::NewTopic {
        title: "Wi-Fi where you live".to_owned(),
        body: "Can you get online where you live, for school and to keep in touch?".to_owned(),
        question: String::new(),
        choices: "Yes, always\nSometimes\nNo".to_owned(),
        several: false,
        groups: Vec::new(),
        opens_on: today - Duration::days(160),
        closes_on: today - Duration::days(146),
    };
    let wifi = store::insert_topic(&mut tx, &wifi, cro, now).await?;
    store::publish(&mut tx, wifi, now).await?;
    let promise = rules::NewItem {
        said: "Many of you cannot get online well enough for homework.".to_owned(),
        did: "Every placement will be asked to have Wi-Fi that works for school.".to_owned(),
        responsible: "Placements team manager".to_owned(),
        status: "planned",
    };
    store::insert_item(&mut tx, wifi, &promise, cro, now - 140 * day).await?;
    let draft = rules::NewTopic {
        title: "Moving home".to_owned(),
        body: "Some of you have moved placement this year. Tell us what helped and what did not."
            .to_owned(),
        question: "What should happen when you move home?".to_owned(),
        choices: String::new(),
        several: false,
        groups: vec![groups[1], groups[2]],
        opens_on: today + Duration::days(7),
        closes_on: today + Duration::days(28),
    };
    store::insert_topic(&mut tx, &draft, cro, now).await?;
    tx.commit().await?;
    Ok(())
}
