//! Service rules: streaming, and the request and response types of RPCs.

use std::collections::BTreeMap;

use crate::{
    gostr::quote as q,
    lint::{
        Env, Sink,
        case::pascal_case,
        walk::{Method, trim_dot},
    },
    schema::SchemaFile,
};

lint_rules! {
    /// Checks that no RPC is client streaming (`rpc X(stream Req)`).
    ///
    /// ## Why
    /// Streaming RPCs are not supported by every transport and client
    /// (browsers, most HTTP/JSON gateways, many proxies), are harder to
    /// retry and load-balance, and are rarely needed. Teams that want
    /// unary-only APIs enable this rule (category `UNARY_RPC`).
    ///
    /// ## Example
    /// ```proto
    /// rpc Upload(stream UploadRequest) returns (UploadResponse);   // flagged
    /// ```
    ///
    /// ## Fix
    /// Send the data in one request, or in several unary calls (for
    /// instance chunked uploads keyed by an upload ID).
    RpcNoClientStreaming => Method(rpc_no_client_streaming),

    /// Checks that no RPC is server streaming (`returns (stream Resp)`).
    ///
    /// ## Why
    /// Like client streaming, server streaming needs support from every
    /// hop between client and server and complicates retries; unary-only
    /// APIs (category `UNARY_RPC`) work everywhere.
    ///
    /// ## Example
    /// ```proto
    /// rpc Watch(WatchRequest) returns (stream WatchResponse);   // flagged
    /// ```
    ///
    /// ## Fix
    /// Return a page of results with a token for the next call, or poll.
    RpcNoServerStreaming => Method(rpc_no_server_streaming),

    /// Checks, over all RPCs of the module, that no RPC uses the same
    /// message as request and response and that no message is the request
    /// or response of more than one RPC. The options
    /// `rpc_allow_same_request_response`,
    /// `rpc_allow_google_protobuf_empty_requests` and
    /// `rpc_allow_google_protobuf_empty_responses` relax it.
    ///
    /// ## Why
    /// An RPC's request and response evolve with that RPC alone. Once a
    /// message is shared, adding a field for one RPC adds it to the others
    /// too, where it means nothing; one message per side per RPC keeps every
    /// RPC free to change.
    ///
    /// ## Example
    /// ```proto
    /// rpc GetUser(UserRef) returns (User);      // flagged: UserRef, User shared
    /// rpc DeleteUser(UserRef) returns (User);   // flagged: UserRef, User shared
    /// ```
    ///
    /// ## Fix
    /// Give every RPC its own `<Rpc>Request` and `<Rpc>Response` messages;
    /// they may hold the shared message as a field.
    RpcRequestResponseUnique => Module(rpc_request_response_unique),

    /// Checks that an RPC's request type is named `<Rpc>Request` or
    /// `<Service><Rpc>Request` (`google.protobuf.Empty` is accepted when
    /// `rpc_allow_google_protobuf_empty_requests` is set).
    ///
    /// ## Why
    /// A fixed naming scheme tells readers at a glance which message belongs
    /// to which RPC, and goes hand in hand with one request message per RPC.
    ///
    /// ## Example
    /// ```proto
    /// service UserService {
    ///   rpc GetUser(UserId) returns (GetUserResponse);   // flagged: GetUserRequest
    /// }
    /// ```
    ///
    /// ## Fix
    /// Rename the request message, or wrap it in a new `<Rpc>Request`.
    RpcRequestStandardName => Method(rpc_request_standard_name),

    /// Checks that an RPC's response type is named `<Rpc>Response` or
    /// `<Service><Rpc>Response` (`google.protobuf.Empty` is accepted when
    /// `rpc_allow_google_protobuf_empty_responses` is set).
    ///
    /// ## Why
    /// As for requests: the name ties the message to its RPC, and a
    /// dedicated response message can grow without touching other RPCs.
    ///
    /// ## Example
    /// ```proto
    /// service UserService {
    ///   rpc GetUser(GetUserRequest) returns (User);   // flagged: GetUserResponse
    /// }
    /// ```
    ///
    /// ## Fix
    /// Return a new `<Rpc>Response` message that holds the old one as a
    /// field.
    RpcResponseStandardName => Method(rpc_response_standard_name),
}

const EMPTY: &str = "google.protobuf.Empty";

fn rpc_no_client_streaming(_: &Env, m: &Method, sink: &mut Sink) {
    if m.desc.client_streaming() {
        sink.at(
            m.file,
            m.path.clone(),
            format!("RPC {} is client streaming.", q(m.desc.name())),
        );
    }
}

fn rpc_no_server_streaming(_: &Env, m: &Method, sink: &mut Sink) {
    if m.desc.server_streaming() {
        sink.at(
            m.file,
            m.path.clone(),
            format!("RPC {} is server streaming.", q(m.desc.name())),
        );
    }
}

/// One RPC of the module, as the uniqueness check needs it.
struct Rpc<'a> {
    file: &'a SchemaFile<'a>,
    path: Vec<i32>,
    name: &'a str,
    input: &'a str,
    output: &'a str,
}

fn rpc_request_response_unique(env: &Env, sink: &mut Sink) {
    let opts = env.options;
    let (allow_empty_req, allow_empty_resp) = (
        opts.rpc_allow_google_protobuf_empty_requests,
        opts.rpc_allow_google_protobuf_empty_responses,
    );
    // Every RPC of the module by full name (ordered, for a stable output).
    let mut rpcs: BTreeMap<String, Rpc> = BTreeMap::new();
    for file in env.targets {
        let package = file.package();
        for (i, s) in file.desc.service.iter().enumerate() {
            for (j, m) in s.method.iter().enumerate() {
                let full_name = if package.is_empty() {
                    format!("{}.{}", s.name(), m.name())
                } else {
                    format!("{package}.{}.{}", s.name(), m.name())
                };
                rpcs.entry(full_name).or_insert(Rpc {
                    file,
                    path: vec![6, i as i32, 2, j as i32],
                    name: m.name(),
                    input: trim_dot(m.input_type()),
                    output: trim_dot(m.output_type()),
                });
            }
        }
    }
    if !opts.rpc_allow_same_request_response {
        for rpc in rpcs.values() {
            if rpc.input == rpc.output
                && !(rpc.input == EMPTY && allow_empty_req && allow_empty_resp)
            {
                sink.at(
                    rpc.file,
                    rpc.path.clone(),
                    format!(
                        "RPC {} has the same type {} for the request and response.",
                        q(rpc.name),
                        q(rpc.input)
                    ),
                );
            }
        }
    }
    // Type → the RPCs using it on either side (an RPC using it on both
    // sides counts once).
    let mut users: BTreeMap<&str, BTreeMap<&str, &Rpc>> = BTreeMap::new();
    for (full_name, rpc) in &rpcs {
        for ty in [rpc.input, rpc.output] {
            users.entry(ty).or_default().insert(full_name.as_str(), rpc);
        }
    }
    for (ty, by_name) in &users {
        if by_name.len() < 2 {
            continue;
        }
        if *ty == EMPTY && (allow_empty_req || allow_empty_resp) {
            if allow_empty_req && allow_empty_resp {
                continue;
            }
            // Exactly one side is allowed: check the other on its own.
            let (side, uses): (&str, fn(&Rpc) -> bool) = if allow_empty_req {
                ("response", |r| r.output == EMPTY)
            } else {
                ("request", |r| r.input == EMPTY)
            };
            let on_side: Vec<&&Rpc> = by_name.values().filter(|r| uses(r)).collect();
            if on_side.len() > 1 {
                for rpc in on_side {
                    sink.at(
                        rpc.file,
                        rpc.path.clone(),
                        format!("{} is used as the {side} for multiple RPCs.", q(ty)),
                    );
                }
            }
            continue;
        }
        for rpc in by_name.values() {
            sink.at(
                rpc.file,
                rpc.path.clone(),
                format!(
                    "{} is used as the request or response type for multiple RPCs.",
                    q(ty)
                ),
            );
        }
    }
}

/// Checks one side of an RPC against `<Rpc><Suffix>` and
/// `<Service><Rpc><Suffix>`; `tail` is the type reference's path field.
fn standard_name(m: &Method, ty: &str, kind: &str, suffix: &str, tail: i32, sink: &mut Sink) {
    let short = ty.rsplit('.').next().unwrap_or(ty);
    let want = format!("{}{suffix}", pascal_case(m.desc.name()));
    let want_long = format!("{}{want}", pascal_case(m.service.desc.name()));
    if short != want && short != want_long {
        sink.at_child(
            m.file,
            &m.path,
            &[tail],
            format!(
                "RPC {kind} type {} should be named {} or {}.",
                q(short),
                q(&want),
                q(&want_long)
            ),
        );
    }
}

fn rpc_request_standard_name(env: &Env, m: &Method, sink: &mut Sink) {
    let ty = m.input_type();
    if env.options.rpc_allow_google_protobuf_empty_requests && ty == EMPTY {
        return;
    }
    standard_name(m, ty, "request", "Request", 2, sink);
}

fn rpc_response_standard_name(env: &Env, m: &Method, sink: &mut Sink) {
    let ty = m.output_type();
    if env.options.rpc_allow_google_protobuf_empty_responses && ty == EMPTY {
        return;
    }
    standard_name(m, ty, "response", "Response", 3, sink);
}
