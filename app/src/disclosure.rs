//! Disclosure control: small numbers never identify a child. Every count
//! that leaves a child's own IRO (a table, a chart, an export) goes
//! through [`Rule::protect`] before it is shown.
//!
//! The default is the DfE's convention for children-looked-after
//! statistics: a count of 1 to 5 is shown as "c", and secondary
//! suppression hides the next-smallest counts so that no hidden count can
//! be worked out from the row, column or grand totals shown with it. The
//! ONS preset hides counts under 10 and rounds the rest to the nearest 5.
//! Suppression comes first and rounding after; a percentage is a whole
//! number with its n beside it, hidden when either part is hidden.
//!
//! How secondary suppression knows it is enough: a table with its margins
//! is a complete bipartite graph (rows and the total row on one side,
//! columns and the total column on the other; each count is an edge, and
//! each row or column says its edges sum to its total). Adding 1 and 0
//! taking 1 in turn around a cycle of hidden counts keeps every shown
//! total true, so a hidden count on such a cycle can never be worked out;
//! one that is not on a cycle (a bridge of the hidden counts) can. So
//! after hiding the small counts, while any hidden count is a bridge, the
//! smallest shown count that closes a cycle through it is hidden too.
//! Totals that are not published are unknown to a reader, so they count
//! as hidden. A period shown beside another is its own table; a change
//! between two periods is hidden when either count is.

use serde::{Deserialize, Serialize};

/// The lowest "fewer than" anyone may set: counts of 1 and 2 are always
/// hidden.
pub const FLOOR: i64 = 3;

/// How counts are protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Preset {
    /// The DfE's: counts from 1 to `fewer_than - 1` hidden (1 to 5 by
    /// default).
    Dfe,
    /// The ONS's: counts from 1 to `fewer_than - 1` hidden (under 10 by
    /// default), the rest rounded to the nearest 5.
    Ons,
}

/// The rule a table is published under (a manager setting).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub preset: Preset,
    /// Counts from 1 up to this, not including it, are hidden.
    pub fewer_than: i64,
}

impl Default for Rule {
    fn default() -> Rule {
        Rule::dfe()
    }
}

/// One published count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cell {
    Shown(i64),
    /// Shown as "c": small, or hidden so that a small one cannot be worked
    /// out (the reader is not told which).
    Hidden,
}

impl Cell {
    pub fn value(self) -> Option<i64> {
        match self {
            Cell::Shown(n) => Some(n),
            Cell::Hidden => None,
        }
    }

    /// As a table shows it: the number, or "c".
    pub fn text(self) -> String {
        match self {
            Cell::Shown(n) => n.to_string(),
            Cell::Hidden => "c".to_owned(),
        }
    }
}

/// A table of counts to publish: `cells[row][column]`, and which of its
/// totals are shown with it (the grand total is shown when either is).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counts {
    pub cells: Vec<Vec<i64>>,
    pub row_totals: bool,
    pub column_totals: bool,
}

/// A table as it may be published.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Protected {
    pub cells: Vec<Vec<Cell>>,
    /// One per row, when the table shows row totals.
    pub row_totals: Option<Vec<Cell>>,
    /// One per column, when the table shows column totals.
    pub column_totals: Option<Vec<Cell>>,
    /// When either margin is shown.
    pub grand_total: Option<Cell>,
}

impl Protected {
    /// Whether anything in the table is hidden (then the page explains
    /// "c").
    pub fn has_hidden(&self) -> bool {
        let hidden = |c: &Cell| *c == Cell::Hidden;
        self.cells.iter().flatten().any(hidden)
            || self.row_totals.iter().flatten().any(hidden)
            || self.column_totals.iter().flatten().any(hidden)
            || self.grand_total.as_ref().is_some_and(hidden)
    }
}

/// A percentage as published: a whole number with its n (the
/// denominator), or hidden.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Percent {
    Shown { percent: i64, of: i64 },
    Hidden,
}

impl Rule {
    /// The DfE's convention: 1 to 5 hidden.
    pub fn dfe() -> Rule {
        Rule {
            preset: Preset::Dfe,
            fewer_than: 6,
        }
    }

    /// The ONS's: under 10 hidden, the rest rounded to 5.
    pub fn ons() -> Rule {
        Rule {
            preset: Preset::Ons,
            fewer_than: 10,
        }
    }

    /// A rule as a manager set it, never below the floor.
    pub fn new(preset: Preset, fewer_than: i64) -> Rule {
        Rule {
            preset,
            fewer_than: fewer_than.max(FLOOR),
        }
    }

    /// The rule as the service's settings keep it: `dfe:6`, `ons:10`.
    pub fn as_setting(self) -> String {
        let preset = match self.preset {
            Preset::Dfe => "dfe",
            Preset::Ons => "ons",
        };
        format!("{preset}:{}", self.fewer_than)
    }

    /// A rule as the settings keep it; `None` for anything else. Never
    /// below the floor, whatever was stored.
    pub fn from_setting(text: &str) -> Option<Rule> {
        let (preset, fewer_than) = text.split_once(':')?;
        let preset = match preset {
            "dfe" => Preset::Dfe,
            "ons" => Preset::Ons,
            _ => return None,
        };
        Some(Rule::new(preset, fewer_than.parse().ok()?))
    }

    fn is_small(self, n: i64) -> bool {
        n > 0 && n < self.fewer_than.max(FLOOR)
    }

    fn publish(self, n: i64) -> Cell {
        match self.preset {
            Preset::Dfe => Cell::Shown(n),
            Preset::Ons => Cell::Shown((n + 2) / 5 * 5),
        }
    }

    /// One count on its own (no totals shown with it).
    pub fn one(self, n: i64) -> Cell {
        if self.is_small(n) {
            Cell::Hidden
        } else {
            self.publish(n)
        }
    }

    /// A whole-number percentage of two counts already protected: hidden
    /// when either is hidden (or there is nothing to divide by).
    pub fn percent(self, part: Cell, whole: Cell) -> Percent {
        match (part, whole) {
            (Cell::Shown(part), Cell::Shown(whole)) if whole > 0 => Percent::Shown {
                percent: (part * 200 + whole) / (whole * 2),
                of: whole,
            },
            _ => Percent::Hidden,
        }
    }

    /// Protects a table with its totals: small counts hidden, then as
    /// many more as it takes for none to be worked out, then rounding.
    pub fn protect(self, counts: &Counts) -> Protected {
        let rows = counts.cells.len();
        let columns = counts.cells.iter().map(Vec::len).max().unwrap_or(0);
        let grid = Grid::new(counts, rows, columns);
        let hidden = grid.suppress(self);
        let cell = |edge: usize| {
            if hidden[edge] {
                Cell::Hidden
            } else {
                self.publish(grid.values[edge])
            }
        };
        Protected {
            cells: (0..rows)
                .map(|r| (0..columns).map(|c| cell(grid.edge(r, c))).collect())
                .collect(),
            row_totals: counts
                .row_totals
                .then(|| (0..rows).map(|r| cell(grid.edge(r, columns))).collect()),
            column_totals: counts
                .column_totals
                .then(|| (0..columns).map(|c| cell(grid.edge(rows, c))).collect()),
            grand_total: (counts.row_totals || counts.column_totals)
                .then(|| cell(grid.edge(rows, columns))),
        }
    }
}

/// The table as a graph: left nodes are the rows and the total row
/// (`rows`), right nodes the columns and the total column (`columns`);
/// edge `(r, c)` is the count in row `r`, column `c`, where `r == rows` or
/// `c == columns` are the totals.
struct Grid {
    rows: usize,
    columns: usize,
    values: Vec<i64>,
    /// Not published at all: unknown to a reader, never to be protected.
    unknown: Vec<bool>,
}

impl Grid {
    fn new(counts: &Counts, rows: usize, columns: usize) -> Grid {
        let size = (rows + 1) * (columns + 1);
        let mut values = vec![0; size];
        let mut unknown = vec![false; size];
        let edge = |r: usize, c: usize| r * (columns + 1) + c;
        for (r, row) in counts.cells.iter().enumerate() {
            for (c, n) in row.iter().enumerate() {
                values[edge(r, c)] = (*n).max(0);
            }
        }
        for r in 0..rows {
            values[edge(r, columns)] = (0..columns).map(|c| values[edge(r, c)]).sum();
            unknown[edge(r, columns)] = !counts.row_totals;
        }
        for c in 0..columns {
            values[edge(rows, c)] = (0..rows).map(|r| values[edge(r, c)]).sum();
            unknown[edge(rows, c)] = !counts.column_totals;
        }
        values[edge(rows, columns)] = (0..rows).map(|r| values[edge(r, columns)]).sum();
        unknown[edge(rows, columns)] = !(counts.row_totals || counts.column_totals);
        Grid {
            rows,
            columns,
            values,
            unknown,
        }
    }

    fn edge(&self, r: usize, c: usize) -> usize {
        r * (self.columns + 1) + c
    }

    fn ends(&self, edge: usize) -> (usize, usize) {
        (edge / (self.columns + 1), edge % (self.columns + 1))
    }

    /// Which edges are hidden (protected counts only; unknown totals are
    /// part of the graph but never shown either way).
    fn suppress(&self, rule: Rule) -> Vec<bool> {
        let size = self.values.len();
        let mut hidden: Vec<bool> = (0..size)
            .map(|e| !self.unknown[e] && rule.is_small(self.values[e]))
            .collect();
        // Each round hides one more count; there are only so many.
        for _ in 0..size {
            let open = |e: usize| hidden[e] || self.unknown[e];
            let Some(bridge) = (0..size).find(|&e| hidden[e] && self.is_bridge(e, &open)) else {
                break;
            };
            match self.closing_edge(bridge, &open) {
                Some(extra) => hidden[extra] = true,
                None => break,
            }
        }
        hidden
    }

    /// The nodes reachable from `start` over open edges, leaving `skip`
    /// out. Left nodes are `0..=rows`, right nodes `rows + 1 + c`.
    fn reach(&self, start: usize, skip: usize, open: &dyn Fn(usize) -> bool) -> Vec<bool> {
        let nodes = self.rows + self.columns + 2;
        let mut seen = vec![false; nodes];
        let mut stack = vec![start];
        seen[start] = true;
        while let Some(node) = stack.pop() {
            let neighbours: Vec<(usize, usize)> = if node <= self.rows {
                (0..=self.columns)
                    .map(|c| (self.edge(node, c), self.rows + 1 + c))
                    .collect()
            } else {
                let c = node - self.rows - 1;
                (0..=self.rows).map(|r| (self.edge(r, c), r)).collect()
            };
            for (edge, next) in neighbours {
                if edge != skip && open(edge) && !seen[next] {
                    seen[next] = true;
                    stack.push(next);
                }
            }
        }
        seen
    }

    /// Whether no other path of open edges joins the ends of `edge`.
    fn is_bridge(&self, edge: usize, open: &dyn Fn(usize) -> bool) -> bool {
        let (r, c) = self.ends(edge);
        !self.reach(r, edge, open)[self.rows + 1 + c]
    }

    /// The smallest shown count (a non-zero one if there is one, a cell
    /// before a total) whose hiding puts `bridge` on a cycle: any edge
    /// between the two sides that `bridge` alone joins.
    fn closing_edge(&self, bridge: usize, open: &dyn Fn(usize) -> bool) -> Option<usize> {
        let (r, _) = self.ends(bridge);
        let side = self.reach(r, bridge, open);
        (0..self.values.len())
            .filter(|&e| e != bridge && !open(e))
            .filter(|&e| {
                let (er, ec) = self.ends(e);
                side[er] != side[self.rows + 1 + ec]
            })
            .min_by_key(|&e| {
                let (er, ec) = self.ends(e);
                let total = er == self.rows || ec == self.columns;
                (self.values[e] == 0, total, self.values[e])
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(cells: &[&[i64]], row_totals: bool, column_totals: bool) -> Counts {
        Counts {
            cells: cells.iter().map(|r| r.to_vec()).collect(),
            row_totals,
            column_totals,
        }
    }

    fn shown(p: &Protected) -> Vec<Vec<String>> {
        p.cells
            .iter()
            .map(|r| r.iter().map(|c| c.text()).collect())
            .collect()
    }

    #[test]
    fn counts_of_one_to_five_are_c_and_zero_and_six_are_shown() {
        let rule = Rule::dfe();
        assert_eq!(rule.one(0), Cell::Shown(0));
        for n in 1..=5 {
            assert_eq!(rule.one(n), Cell::Hidden, "{n}");
        }
        assert_eq!(rule.one(6), Cell::Shown(6));
        assert_eq!(Cell::Hidden.text(), "c");
    }

    #[test]
    fn no_one_can_go_below_the_floor() {
        assert_eq!(Rule::new(Preset::Dfe, 1).fewer_than, FLOOR);
        assert_eq!(Rule::new(Preset::Dfe, 0).one(2), Cell::Hidden);
        assert_eq!(Rule::new(Preset::Dfe, 3).one(3), Cell::Shown(3));
        assert_eq!(Rule::new(Preset::Dfe, 11).one(10), Cell::Hidden);
    }

    #[test]
    fn ons_hides_under_ten_and_rounds_the_rest_to_five() {
        let rule = Rule::ons();
        assert_eq!(rule.one(9), Cell::Hidden);
        assert_eq!(rule.one(10), Cell::Shown(10));
        assert_eq!(rule.one(12), Cell::Shown(10));
        assert_eq!(rule.one(13), Cell::Shown(15));
        assert_eq!(rule.one(0), Cell::Shown(0));
    }

    #[test]
    fn one_small_count_beside_a_total_hides_the_next_smallest() {
        // Children by placement: 3 | 10 | 12, total 25. Hiding 3 alone
        // would leave it as 25 - 10 - 12, so 10 goes too.
        let p = Rule::dfe().protect(&table(&[&[3], &[10], &[12]], false, true));
        assert_eq!(shown(&p), [["c"], ["c"], ["12"]]);
        assert_eq!(p.column_totals, Some(vec![Cell::Shown(25)]));
        assert_eq!(p.grand_total, Some(Cell::Shown(25)));
    }

    #[test]
    fn without_totals_only_the_small_count_is_hidden() {
        let p = Rule::dfe().protect(&table(&[&[3], &[10], &[12]], false, false));
        assert_eq!(shown(&p), [["c"], ["10"], ["12"]]);
        assert_eq!(p.grand_total, None);
    }

    #[test]
    fn a_two_way_table_hides_a_rectangle() {
        // Rows: age bands; columns: girls, boys; both totals shown. The 4
        // needs a partner in its row and its column, and one that closes
        // the square: the smallest that do are 8, 9 and 20.
        let p = Rule::dfe().protect(&table(&[&[4, 9], &[8, 20], &[30, 31]], true, true));
        assert_eq!(shown(&p), [["c", "c"], ["c", "c"], ["30", "31"]]);
        assert_eq!(
            p.row_totals,
            Some(vec![Cell::Shown(13), Cell::Shown(28), Cell::Shown(61)])
        );
        assert_eq!(
            p.column_totals,
            Some(vec![Cell::Shown(42), Cell::Shown(60)])
        );
        assert_eq!(p.grand_total, Some(Cell::Shown(102)));
    }

    #[test]
    fn a_small_total_is_hidden_with_what_would_give_it_away() {
        // A row of 2 and 1: both cells and the row total are small.
        let p = Rule::dfe().protect(&table(&[&[2, 1], &[10, 12]], true, true));
        assert_eq!(p.row_totals.as_ref().map(|t| t[0]), Some(Cell::Hidden));
        assert_eq!(shown(&p)[0], ["c", "c"]);
        assert!(p.has_hidden());
    }

    #[test]
    fn a_table_with_nothing_small_is_shown_whole() {
        let p = Rule::dfe().protect(&table(&[&[6, 7], &[0, 20]], true, true));
        assert_eq!(shown(&p), [["6", "7"], ["0", "20"]]);
        assert!(!p.has_hidden());
    }

    #[test]
    fn percentages_are_whole_with_their_n_and_hidden_with_either_part() {
        let rule = Rule::dfe();
        assert_eq!(
            rule.percent(Cell::Shown(7), Cell::Shown(9)),
            Percent::Shown { percent: 78, of: 9 }
        );
        assert_eq!(
            rule.percent(Cell::Shown(1), Cell::Shown(8)),
            Percent::Shown { percent: 13, of: 8 }
        );
        assert_eq!(rule.percent(Cell::Hidden, Cell::Shown(9)), Percent::Hidden);
        assert_eq!(rule.percent(Cell::Shown(7), Cell::Hidden), Percent::Hidden);
        assert_eq!(
            rule.percent(Cell::Shown(0), Cell::Shown(0)),
            Percent::Hidden
        );
    }

    #[test]
    fn ons_suppresses_first_and_rounds_after() {
        // 7 is hidden and, with the total shown, so is 11 (the smallest
        // other); 23 is then rounded, as is the total 41 to 40.
        let p = Rule::ons().protect(&table(&[&[7], &[11], &[23]], false, true));
        assert_eq!(shown(&p), [["c"], ["c"], ["25"]]);
        assert_eq!(p.column_totals, Some(vec![Cell::Shown(40)]));
    }

    /// A tiny random source for the property test (no dependency needed).
    struct Random(u64);

    impl Random {
        fn next(&mut self, below: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % below
        }
    }

    /// Whether the published table allows another value for hidden edge
    /// `target`: a change of -1, 0 or +1 on each hidden or unknown count
    /// that keeps every shown total true and no count below zero, and
    /// moves `target`. (The table's equations form a network matrix, so if
    /// any other solution exists, one of this kind does.)
    fn has_other_value(grid: &Grid, hidden: &[bool], target: usize) -> bool {
        let free: Vec<usize> = (0..grid.values.len())
            .filter(|&e| hidden[e] || grid.unknown[e])
            .collect();
        let mut change = vec![0i64; grid.values.len()];
        search(grid, &free, 0, &mut change, target)
    }

    fn balanced(grid: &Grid, change: &[i64]) -> bool {
        // Every row: its counts' changes sum to its total's change; every
        // column likewise; and the totals' changes sum to the grand's.
        (0..=grid.rows).all(|r| {
            let sum: i64 = (0..grid.columns).map(|c| change[grid.edge(r, c)]).sum();
            sum == change[grid.edge(r, grid.columns)]
        }) && (0..=grid.columns).all(|c| {
            let sum: i64 = (0..grid.rows).map(|r| change[grid.edge(r, c)]).sum();
            sum == change[grid.edge(grid.rows, c)]
        })
    }

    fn row_balanced(grid: &Grid, change: &[i64], r: usize) -> bool {
        let sum: i64 = (0..grid.columns).map(|c| change[grid.edge(r, c)]).sum();
        sum == change[grid.edge(r, grid.columns)]
    }

    fn search(grid: &Grid, free: &[usize], at: usize, change: &mut [i64], target: usize) -> bool {
        if at == free.len() {
            return change[target] != 0 && balanced(grid, change);
        }
        let edge = free[at];
        for step in [1, -1, 0] {
            if grid.values[edge] + step < 0 {
                continue;
            }
            change[edge] = step;
            // A row's equation can be checked as soon as its last free
            // count has its change: that keeps the search small.
            let (row, _) = grid.ends(edge);
            let row_done = free
                .get(at + 1)
                .is_none_or(|&next| grid.ends(next).0 != row);
            if row_done && !row_balanced(grid, change, row) {
                continue;
            }
            if search(grid, free, at + 1, change, target) {
                change[edge] = 0;
                return true;
            }
        }
        change[edge] = 0;
        false
    }

    #[test]
    fn no_hidden_count_in_a_random_table_can_be_worked_out() {
        let mut random = Random(0x9e37_79b9_7f4a_7c15);
        let mut checked = 0;
        for _ in 0..400 {
            let rows = 1 + random.next(3) as usize;
            let columns = 1 + random.next(3) as usize;
            let cells: Vec<Vec<i64>> = (0..rows)
                .map(|_| {
                    (0..columns)
                        .map(|_| match random.next(4) {
                            0 => 0,
                            1 => 1 + random.next(5) as i64,
                            _ => random.next(30) as i64,
                        })
                        .collect()
                })
                .collect();
            let counts = Counts {
                cells,
                row_totals: random.next(2) == 0,
                column_totals: random.next(3) != 0,
            };
            let rule = Rule::dfe();
            let grid = Grid::new(&counts, rows, columns);
            let hidden = grid.suppress(rule);
            // What is published agrees with what was hidden.
            let published = rule.protect(&counts);
            let hidden_cells = published
                .cells
                .iter()
                .flatten()
                .filter(|c| **c == Cell::Hidden)
                .count();
            let expected = (0..rows)
                .flat_map(|r| (0..columns).map(move |c| (r, c)))
                .filter(|&(r, c)| hidden[grid.edge(r, c)])
                .count();
            assert_eq!(hidden_cells, expected);
            for edge in 0..grid.values.len() {
                let small = !grid.unknown[edge] && rule.is_small(grid.values[edge]);
                assert!(!small || hidden[edge], "{counts:?}: a small count is shown");
                if hidden[edge] {
                    assert!(
                        has_other_value(&grid, &hidden, edge),
                        "{counts:?}: hidden count {edge} can be worked out"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 200, "only {checked} hidden counts were tried");
    }

    #[test]
    fn the_check_finds_a_count_that_can_be_worked_out() {
        // The check itself must fail where only primary suppression is
        // done: 3 | 10 | 12 with the total 25 shown gives the 3 away.
        let counts = table(&[&[3], &[10], &[12]], false, true);
        let grid = Grid::new(&counts, 3, 1);
        let mut hidden = vec![false; grid.values.len()];
        hidden[grid.edge(0, 0)] = true;
        assert!(!has_other_value(&grid, &hidden, grid.edge(0, 0)));
    }

    #[test]
    fn a_rule_is_kept_as_text_and_read_back_never_below_the_floor() {
        for rule in [Rule::dfe(), Rule::ons(), Rule::new(Preset::Ons, 7)] {
            assert_eq!(Rule::from_setting(&rule.as_setting()), Some(rule));
        }
        assert_eq!(Rule::dfe().as_setting(), "dfe:6");
        assert_eq!(Rule::from_setting("dfe:1"), Some(Rule::new(Preset::Dfe, 3)));
        for bad in ["", "dfe", "dfe:", "dfe:six", "abs:6", "ons:6:7"] {
            assert_eq!(Rule::from_setting(bad), None, "{bad}");
        }
    }
}
