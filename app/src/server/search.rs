//! Text search in queries: a case-insensitive "contains" on a column, the same on SQLite and
//! PostgreSQL, with the wildcards a person typed (`%`, `_`) taken literally.
use sea_orm::{
    sea_query::{Expr, ExprTrait, Func, LikeExpr, SimpleExpr},
    ColumnTrait,
};

/// Longest search text looked for.
pub const TEXT_MAX: usize = 100;

/// `lower(column) LIKE '%text%'`, the text lower-cased, cut to `TEXT_MAX` and escaped.
pub fn contains<C: ColumnTrait>(column: C, text: &str) -> SimpleExpr {
    let escaped: String = text
        .trim()
        .to_lowercase()
        .chars()
        .take(TEXT_MAX)
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    Expr::expr(Func::lower(Expr::col(column)))
        .like(LikeExpr::new(format!("%{escaped}%")).escape('\\'))
}
