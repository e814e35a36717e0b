//! `attestor serve`: the portal served from memory on 127.0.0.1, rebuilt as
//! the docs change, with the open page reloading itself.
//!
//! Three kinds of thread share the work. The portal's thread owns the build
//! and renders pages as they are asked for (`portal`); the watcher hands it
//! the files that changed (`watch`), which it re-reads alone (`cache`); each
//! request gets a thread that reads its path (`route`), asks the portal and
//! answers, adding the reload script to pages (`inject`). Nothing is written
//! to disk and nothing is read from disk to answer a request, but the raw
//! copies of input files, read inside ROOT as the build lists them; so
//! Ctrl-C, which ends the process, leaves nothing behind.

mod cache;
mod inject;
mod portal;
mod route;
mod watch;

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::sync::Arc;
use std::sync::mpsc::{self, Sender};
use std::time::Duration;

use anyhow::Context as _;

pub use portal::{OnBuild, Rebuilt};

use crate::config::{self, BuildArgs};
use crate::serve::portal::{Generation, Msg, Portal};
use crate::serve::route::{Refused, Route};

/// The port `serve` tries first when none is given; the next ones are
/// tried when it is taken.
pub const DEFAULT_PORT: u16 = 1111;

/// How many ports from [`DEFAULT_PORT`] on are tried before any free port.
const PORTS_TRIED: u16 = 10;

/// How long a reload poll waits for a new portal before it is told to ask
/// again, below the time browsers give up on a script.
const POLL_WAIT: Duration = Duration::from_secs(25);

/// What `attestor serve` was asked.
#[derive(Debug, Clone)]
pub struct Options {
    /// ROOT and the output folder (never read as input), as for a build.
    pub args: BuildArgs,
    /// The port: `None` for [`DEFAULT_PORT`] or the next free one, `0` for
    /// any free port.
    pub port: Option<u16>,
}

/// A server bound to its port, not yet serving.
pub struct Server {
    http: tiny_http::Server,
    addr: SocketAddr,
    args: BuildArgs,
}

impl Server {
    /// The address the portal is served at: `http://127.0.0.1:PORT/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }
}

/// Checks ROOT and binds the port on 127.0.0.1.
pub fn bind(options: &Options) -> anyhow::Result<Server> {
    // ROOT must exist to be watched; later problems with the config are
    // build errors, shown in the page.
    config::resolve(&options.args)?;
    let listener = listen(options.port)?;
    let addr = listener.local_addr().context("cannot read the address bound")?;
    let http = tiny_http::Server::from_listener(listener, None)
        .map_err(|err| anyhow::anyhow!("cannot serve on {addr}: {err}"))?;
    Ok(Server { http, addr, args: options.args.clone() })
}

/// The listener on 127.0.0.1: the port asked for, or the first free one
/// from [`DEFAULT_PORT`] on, or any.
fn listen(port: Option<u16>) -> anyhow::Result<TcpListener> {
    let bind = |port: u16| TcpListener::bind((Ipv4Addr::LOCALHOST, port));
    match port {
        Some(port) => bind(port).with_context(|| format!("cannot listen on 127.0.0.1:{port}")),
        None => (DEFAULT_PORT..DEFAULT_PORT + PORTS_TRIED)
            .find_map(|port| bind(port).ok())
            .map_or_else(|| bind(0), Ok)
            .context("cannot listen on 127.0.0.1"),
    }
}

/// Builds, watches ROOT and answers requests until the process ends.
/// `on_build` hears of each build as it ends.
pub fn run(server: Server, on_build: OnBuild) -> anyhow::Result<()> {
    let (config, _) = config::resolve(&server.args)?;
    let generation = Arc::new(Generation::default());
    let (to_portal, inbox) = mpsc::channel();
    let portal = Portal::new(server.args.clone(), Arc::clone(&generation), on_build);
    std::thread::Builder::new()
        .name("portal".to_string())
        .spawn(move || portal.run(inbox))
        .context("cannot start the portal's thread")?;
    let ignored = watch::Ignored { root: config.root.clone(), out: config.out.clone() };
    let _watcher = watch::watch(ignored, watch::to_channel(to_portal.clone(), Msg::Changed))?;
    let port = server.addr.port();
    for request in server.http.incoming_requests() {
        let to_portal = to_portal.clone();
        let generation = Arc::clone(&generation);
        // A thread per request: a reload poll waits for minutes, and the
        // portal's thread renders one page at a time anyway.
        let spawned = std::thread::Builder::new()
            .name("request".to_string())
            .spawn(move || respond(request, &to_portal, &generation, port));
        if let Err(err) = spawned {
            eprintln!("warning: cannot answer a request: {err}");
        }
    }
    Ok(())
}

/// An answer to send.
struct Reply {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
    location: Option<String>,
}

impl Reply {
    fn text(status: u16, text: &str) -> Reply {
        let content_type = "text/plain; charset=utf-8";
        Reply { status, content_type, body: text.as_bytes().to_vec(), location: None }
    }
}

/// Answers one request.
fn respond(request: tiny_http::Request, portal: &Sender<Msg>, generation: &Generation, port: u16) {
    let reply = reply_to(&request, portal, generation, port);
    let header = |name: &str, value: &str| {
        tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
    };
    let mut response = tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
    let headers = [
        header("Content-Type", reply.content_type),
        header("Cache-Control", "no-store"),
        header("X-Content-Type-Options", "nosniff"),
        reply.location.as_deref().and_then(|to| header("Location", to)),
    ];
    for header in headers.into_iter().flatten() {
        response.add_header(header);
    }
    // A browser that went away needs no answer.
    let _ = request.respond(response);
}

fn reply_to(
    request: &tiny_http::Request,
    portal: &Sender<Msg>,
    generation: &Generation,
    port: u16,
) -> Reply {
    use tiny_http::Method;
    if !matches!(request.method(), Method::Get | Method::Head) {
        return Reply::text(405, "405 Method Not Allowed: the portal is read-only\n");
    }
    if !host_is_loopback(request, port) {
        return Reply::text(400, "400 Bad Request: ask for 127.0.0.1 or localhost\n");
    }
    match route::route(request.url()) {
        Err(Refused::BadPath) => Reply::text(400, "400 Bad Request: not a path in the portal\n"),
        Err(Refused::Unknown) => Reply::text(404, "404 Not Found\n"),
        Ok(Route::ReloadScript) => script(inject::RELOAD_JS),
        Ok(Route::Stylesheet) => Reply {
            content_type: route::content_type("serve.css"),
            ..Reply::text(200, inject::SERVE_CSS)
        },
        Ok(Route::Events(since)) => {
            let moved = generation.wait_past(since, POLL_WAIT);
            script(if moved { inject::EVENTS_CHANGED } else { inject::EVENTS_AGAIN })
        }
        Ok(Route::Portal(rel)) => ask_portal(rel, portal),
    }
}

fn script(js: &str) -> Reply {
    Reply { content_type: route::content_type("x.js"), ..Reply::text(200, js) }
}

fn ask_portal(rel: String, portal: &Sender<Msg>) -> Reply {
    let (reply, answer) = mpsc::channel();
    if portal.send(Msg::Get(rel, reply)).is_err() {
        return Reply::text(500, "500: the portal stopped\n");
    }
    match answer.recv() {
        Ok(answer) if answer.status == 301 => Reply {
            location: Some(String::from_utf8_lossy(&answer.body).into_owned()),
            ..Reply::text(301, "")
        },
        Ok(answer) => Reply {
            status: answer.status,
            content_type: route::content_type(&answer.rel),
            body: answer.body,
            location: None,
        },
        Err(_) => Reply::text(500, "500: the portal stopped\n"),
    }
}

/// Whether the request names the server by a loopback name: a page of
/// another site that a DNS name of its own points at 127.0.0.1 may not
/// read the portal.
fn host_is_loopback(request: &tiny_http::Request, port: u16) -> bool {
    let host = request.headers().iter().find(|h| h.field.equiv("Host"));
    let Some(host) = host else { return true };
    let host = host.value.as_str();
    let name = host.strip_suffix(&format!(":{port}")).unwrap_or(host);
    matches!(name, "127.0.0.1" | "localhost" | "[::1]")
}

/// Opens `url` in the desktop's browser with the platform's own command;
/// a machine without one says so, and the server goes on.
pub fn open_browser(url: &str) -> Result<(), String> {
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    std::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(drop)
        .map_err(|err| format!("cannot open a browser ({program}: {err}); open {url}"))
}
