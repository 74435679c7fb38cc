//! A gRPC round trip through the crate protogate generated for chat.v1: a
//! tonic server built on the generated server trait, the generated client,
//! every RPC kind, on loopback. Built and run by tests/generate.rs.

use std::pin::Pin;

use chat_api::chat::v1::{
    self as pb,
    chat_service_client::ChatServiceClient,
    chat_service_server::{ChatService, ChatServiceServer},
};
use tokio_stream::{Stream, StreamExt};
use tonic::{Request, Response, Status, Streaming};

type BoxStream<T> = Pin<Box<dyn Stream<Item = Result<T, Status>> + Send + 'static>>;

fn message(room: &str, text: &str) -> pb::Message {
    pb::Message {
        id: "1".into(),
        room_id: room.into(),
        author: "server".into(),
        text: text.into(),
        sent_at: Some(prost_types::Timestamp { seconds: 1, nanos: 0 }),
        kind: pb::message::Kind::Text as i32,
    }
}

struct Chat;

#[tonic::async_trait]
impl ChatService for Chat {
    async fn send_message(
        &self,
        request: Request<pb::SendMessageRequest>,
    ) -> Result<Response<pb::SendMessageResponse>, Status> {
        let r = request.into_inner();
        Ok(Response::new(pb::SendMessageResponse {
            message: Some(message(&r.room_id, &r.text)),
        }))
    }

    type SubscribeStream = BoxStream<pb::SubscribeResponse>;

    async fn subscribe(
        &self,
        request: Request<pb::SubscribeRequest>,
    ) -> Result<Response<Self::SubscribeStream>, Status> {
        let room = request.into_inner().room_id;
        let items: Vec<Result<pb::SubscribeResponse, Status>> = (0..3)
            .map(|i| {
                Ok(pb::SubscribeResponse {
                    message: Some(message(&room, &format!("m{i}"))),
                })
            })
            .collect();
        Ok(Response::new(Box::pin(tokio_stream::iter(items))))
    }

    async fn upload_history(
        &self,
        request: Request<Streaming<pb::UploadHistoryRequest>>,
    ) -> Result<Response<pb::UploadHistoryResponse>, Status> {
        let mut stream = request.into_inner();
        let mut imported = 0;
        while let Some(item) = stream.next().await {
            item?;
            imported += 1;
        }
        Ok(Response::new(pb::UploadHistoryResponse { imported }))
    }

    type ConverseStream = BoxStream<pb::ConverseResponse>;

    async fn converse(
        &self,
        request: Request<Streaming<pb::ConverseRequest>>,
    ) -> Result<Response<Self::ConverseStream>, Status> {
        let replies = request.into_inner().map(|r| {
            r.map(|c| pb::ConverseResponse {
                message: Some(message("echo", &c.text.to_uppercase())),
            })
        });
        Ok(Response::new(Box::pin(replies)))
    }
}

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let incoming = tokio_stream::wrappers::TcpListenerStream::new(listener);
    tokio::spawn(
        tonic::transport::Server::builder()
            .add_service(ChatServiceServer::new(Chat))
            .serve_with_incoming(incoming),
    );
    let mut client = ChatServiceClient::connect(format!("http://{addr}")).await.unwrap();

    let reply = client
        .send_message(pb::SendMessageRequest { room_id: "r1".into(), text: "hi".into() })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(reply.message.unwrap().text, "hi");
    println!("unary ok");

    let mut stream = client
        .subscribe(pb::SubscribeRequest { room_id: "r1".into() })
        .await
        .unwrap()
        .into_inner();
    let mut texts = Vec::new();
    while let Some(item) = stream.next().await {
        texts.push(item.unwrap().message.unwrap().text);
    }
    assert_eq!(texts, ["m0", "m1", "m2"]);
    println!("server streaming ok");

    let uploads = (0..5).map(|_| pb::UploadHistoryRequest { message: Some(message("r1", "old")) });
    let reply = client.upload_history(tokio_stream::iter(uploads)).await.unwrap().into_inner();
    assert_eq!(reply.imported, 5);
    println!("client streaming ok");

    let said = ["a", "b"].map(|t| pb::ConverseRequest { text: t.into() });
    let mut stream = client.converse(tokio_stream::iter(said)).await.unwrap().into_inner();
    let mut texts = Vec::new();
    while let Some(item) = stream.next().await {
        texts.push(item.unwrap().message.unwrap().text);
    }
    assert_eq!(texts, ["A", "B"]);
    println!("bidirectional streaming ok");
}
