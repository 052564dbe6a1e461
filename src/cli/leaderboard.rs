//! `paperkg leaderboard`: the results on a dataset, one board per metric, best first in the
//! metric's direction, with disagreements between papers shown.

use super::StoreArgs;
use clap::{Args, ValueEnum};
use paperkg_store::leaderboard::{leaderboard_with, Board, LeaderboardRequest, Leaderboards};
use paperkg_store::query::write_table;
use std::io::{BufWriter, Write};

#[derive(Clone, Copy, ValueEnum)]
pub(super) enum Format {
    /// One aligned table per metric, then the disagreements.
    Table,
    /// The boards as JSON.
    Json,
    /// One tab-separated line per entry, with a header.
    Tsv,
}

#[derive(Args)]
#[command(after_help = "Examples:
  paperkg leaderboard ImageNet
  paperkg leaderboard coco --metric AP --top 5
  paperkg leaderboard imagenet --task 'image classification' --format json")]
pub(super) struct LeaderboardArgs {
    /// Any alias of the dataset, in any case.
    dataset: String,
    #[command(flatten)]
    pub(super) store: StoreArgs,
    /// Only this metric's board (any alias).
    #[arg(long)]
    metric: Option<String>,
    /// Only results from papers on this task or one of its subtasks (any alias).
    #[arg(long)]
    task: Option<String>,
    /// Entries per board (0: all).
    #[arg(long, default_value_t = 10)]
    top: usize,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

pub(super) fn run(args: LeaderboardArgs) -> anyhow::Result<()> {
    // The graph index says which results there are; the store gives the wording shown.
    let sg = super::graph::StoreGraph::open(&args.store)?;
    let boards = leaderboard_with(
        &sg.store,
        Some(&sg.index),
        &LeaderboardRequest {
            dataset: &args.dataset,
            metric: args.metric.as_deref(),
            task: args.task.as_deref(),
            top: args.top,
        },
    )?;
    if boards.boards.is_empty() {
        super::note(&format!(
            "no results on {} in the store",
            boards.dataset.name
        ));
    }
    let mut out = BufWriter::new(std::io::stdout().lock());
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &boards)?;
            writeln!(out)?;
        }
        Format::Tsv => write_tsv(&boards, &mut out)?,
        Format::Table => {
            for board in &boards.boards {
                write_board(&boards, board, &mut out)?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

fn write_board(boards: &Leaderboards, board: &Board, out: &mut dyn Write) -> anyhow::Result<()> {
    let task = boards
        .task
        .as_ref()
        .map(|t| format!(" · task {}", t.name))
        .unwrap_or_default();
    writeln!(
        out,
        "{} · {}{task} ({} is better; {} shown of {} results)",
        boards.dataset.name,
        board.metric.name,
        board.better.as_str(),
        board.entries.len(),
        board.results
    )?;
    let header: Vec<String> = ["rank", "value", "model", "paper", "quote"]
        .into_iter()
        .map(String::from)
        .collect();
    let rows: Vec<Vec<String>> = board
        .entries
        .iter()
        .map(|e| {
            vec![
                e.rank.to_string(),
                e.value_text.clone(),
                match (&e.model, e.disputed) {
                    (Some(m), true) => format!("{} (disputed)", m.name),
                    (Some(m), false) => m.name.clone(),
                    (None, _) => "-".to_string(),
                },
                format!("{} {}", e.paper.id, e.paper.title),
                e.quote.clone().unwrap_or_default(),
            ]
        })
        .collect();
    write_table(&header, &rows, out)?;
    for disagreement in &board.disagreements {
        writeln!(out, "papers disagree on {}:", disagreement.model.name)?;
        for value in &disagreement.values {
            let papers: Vec<String> = value.papers.iter().map(|p| p.id.to_string()).collect();
            writeln!(out, "  {:<10} {}", value.value_text, papers.join(", "))?;
        }
    }
    writeln!(out)?;
    Ok(())
}

fn write_tsv(boards: &Leaderboards, out: &mut dyn Write) -> std::io::Result<()> {
    let clean = |s: &str| s.replace(['\t', '\n'], " ");
    writeln!(
        out,
        "dataset\tmetric\tbetter\trank\tvalue\tvalue_text\tunit\tmodel\tpaper\ttitle\tquote\tdisputed"
    )?;
    for board in &boards.boards {
        for e in &board.entries {
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                clean(&boards.dataset.name),
                clean(&board.metric.name),
                board.better.as_str(),
                e.rank,
                e.value,
                clean(&e.value_text),
                e.unit.as_deref().unwrap_or(""),
                clean(e.model.as_ref().map_or("", |m| m.name.as_str())),
                clean(&e.paper.id.to_string()),
                clean(&e.paper.title),
                clean(e.quote.as_deref().unwrap_or("")),
                e.disputed
            )?;
        }
    }
    Ok(())
}
