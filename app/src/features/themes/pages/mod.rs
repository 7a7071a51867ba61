//! Theme pages: the filter on the home page (an island), `/temi` (themes, following,
//! proposals and staff's decisions) and `/temi/<slug>` (a theme and its threads).
mod filter;
mod overview;
mod theme;

pub use filter::{ThemeCard, ThemeFilterArea, ThemeFilterText};
pub use overview::ThemesPage;
pub use theme::ThemePage;
