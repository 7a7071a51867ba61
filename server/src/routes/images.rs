//! Photos and logos: uploads as plain multipart form posts (they work without WebAssembly) and
//! serving the stored images to those who may see them. The rules are in
//! `app::features::network::service::images`; this module only speaks HTTP.
use axum::{
    extract::{multipart::MultipartError, Multipart, Path, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Extension,
};
use leptos::server_fn::error::ServerFnUrlError;

use app::{
    error::Field,
    error::{AppError, InvalidReason},
    features::network::service::images::{self, IMAGE_MAX_BYTES},
    server::{session::CurrentSession, AppState},
};

/// Uploads bigger than this are cut off while reading (and refused as too large).
pub const UPLOAD_BODY_LIMIT: usize = 4 * 1024 * 1024;

/// What the form sent: the file, or the "remove" button.
enum Upload {
    Image(Vec<u8>),
    Remove,
}

async fn read_form(field_name: Field, mut form: Multipart) -> Result<Upload, AppError> {
    let too_large = |err: MultipartError| {
        if err.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::invalid(
                field_name,
                InvalidReason::FileTooLarge {
                    max_kb: IMAGE_MAX_BYTES / 1024,
                },
            )
        } else {
            AppError::invalid(field_name, InvalidReason::Malformed)
        }
    };
    let mut image = None;
    while let Some(field) = form.next_field().await.map_err(too_large)? {
        match field.name() {
            Some("remove") => return Ok(Upload::Remove),
            Some("image") => image = Some(field.bytes().await.map_err(too_large)?.to_vec()),
            _ => {}
        }
    }
    match image {
        Some(bytes) if !bytes.is_empty() => Ok(Upload::Image(bytes)),
        _ => Err(AppError::invalid(field_name, InvalidReason::Required)),
    }
}

/// Back to the page: with a note of success, or with the error the page shows.
fn back(page: &str, done: &str, result: Result<(), AppError>) -> Response {
    match result {
        Ok(()) => Redirect::to(&format!("{page}?{done}")).into_response(),
        Err(AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            let base = format!("http://pratica.invalid{page}");
            match ServerFnUrlError::new(page, error).to_url(&base) {
                Ok(url) => Redirect::to(&format!(
                    "{}?{}",
                    url.path(),
                    url.query().unwrap_or_default()
                ))
                .into_response(),
                Err(_) => StatusCode::BAD_REQUEST.into_response(),
            }
        }
    }
}

/// `POST /profilo/foto`: sets or removes one's photo.
pub async fn upload_photo(
    State(state): State<AppState>,
    session: Option<Extension<CurrentSession>>,
    form: Multipart,
) -> Response {
    let Some(Extension(session)) = session else {
        return Redirect::to("/accedi?next=/profilo").into_response();
    };
    let result = match read_form(Field::Photo, form).await {
        Ok(Upload::Image(bytes)) => {
            images::set_photo(&state.db, &session.viewer, Some(bytes)).await
        }
        Ok(Upload::Remove) => images::set_photo(&state.db, &session.viewer, None).await,
        Err(error) => Err(error),
    };
    back("/profilo", "foto=1", result)
}

/// `POST /rete/organizzazioni/<id>/logo`: sets or removes an organisation's logo.
pub async fn upload_logo(
    State(state): State<AppState>,
    Path(id): Path<i32>,
    session: Option<Extension<CurrentSession>>,
    form: Multipart,
) -> Response {
    let page = format!("/rete/organizzazioni/{id}");
    let Some(Extension(session)) = session else {
        return Redirect::to(&format!("/accedi?next={page}")).into_response();
    };
    let result = match read_form(Field::Logo, form).await {
        Ok(Upload::Image(bytes)) => {
            images::set_logo(&state.db, &session.viewer, id, Some(bytes)).await
        }
        Ok(Upload::Remove) => images::set_logo(&state.db, &session.viewer, id, None).await,
        Err(error) => Err(error),
    };
    back(&page, "fatto=logo", result)
}

/// `GET /immagini/<id>`: the image, as the type found in its bytes, to those who may see it.
pub async fn serve(
    State(state): State<AppState>,
    Path(id): Path<i32>,
    session: Option<Extension<CurrentSession>>,
) -> Response {
    let viewer = session.map(|Extension(s)| s.viewer);
    match images::fetch(&state.db, viewer.as_ref(), id).await {
        Ok((content_type, bytes)) => {
            let mut response = bytes.into_response();
            let headers = response.headers_mut();
            if let Ok(value) = HeaderValue::from_str(&content_type) {
                headers.insert(header::CONTENT_TYPE, value);
            }
            // A new upload gets a new id, so an image never changes under its address.
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, max-age=86400, immutable"),
            );
            response
        }
        Err(AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
