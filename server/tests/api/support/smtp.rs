//! A real SMTP server on loopback that accepts every message and keeps it,
//! for tests of email delivery. It speaks just enough SMTP for a client:
//! greeting, EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT.

use std::sync::{Arc, Mutex};

use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::TcpListener,
    task::JoinHandle,
};

pub struct SmtpSink {
    pub port: u16,
    /// How long the sink takes to accept each message's sender (before
    /// any of the message is sent), like a busy mail server.
    pub pause: Arc<Mutex<std::time::Duration>>,
    messages: Arc<Mutex<Vec<String>>>,
    task: JoinHandle<()>,
}

impl SmtpSink {
    /// Starts listening on `port` (0 for any free one).
    pub async fn start(port: u16) -> anyhow::Result<SmtpSink> {
        let listener = TcpListener::bind(("127.0.0.1", port)).await?;
        let port = listener.local_addr()?.port();
        let messages = Arc::new(Mutex::new(Vec::new()));
        let kept = messages.clone();
        let pause = Arc::new(Mutex::new(std::time::Duration::ZERO));
        let paused = pause.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let kept = kept.clone();
                let paused = paused.clone();
                tokio::spawn(async move {
                    let _ = converse(stream, kept, paused).await;
                });
            }
        });
        Ok(SmtpSink {
            port,
            pause,
            messages,
            task,
        })
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far, headers and body.
    pub fn messages(&self) -> Vec<String> {
        self.messages.lock().map(|m| m.clone()).unwrap_or_default()
    }

    pub fn stop(self) {
        self.task.abort();
    }
}

async fn converse(
    stream: tokio::net::TcpStream,
    kept: Arc<Mutex<Vec<String>>>,
    pause: Arc<Mutex<std::time::Duration>>,
) -> anyhow::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    write.write_all(b"220 sink.test ESMTP ready\r\n").await?;
    while let Some(line) = lines.next_line().await? {
        let verb = line
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        match verb.as_str() {
            "EHLO" => {
                write
                    .write_all(b"250-sink.test\r\n250 8BITMIME\r\n")
                    .await?
            }
            "MAIL" => {
                let wait = pause.lock().map(|p| *p).unwrap_or_default();
                tokio::time::sleep(wait).await;
                write.write_all(b"250 OK\r\n").await?
            }
            "HELO" | "RCPT" | "RSET" | "NOOP" => write.write_all(b"250 OK\r\n").await?,
            "DATA" => {
                write.write_all(b"354 go ahead\r\n").await?;
                let mut message = String::new();
                while let Some(data) = lines.next_line().await? {
                    if data == "." {
                        break;
                    }
                    message.push_str(data.strip_prefix('.').unwrap_or(&data));
                    message.push('\n');
                }
                if let Ok(mut all) = kept.lock() {
                    all.push(message);
                }
                write.write_all(b"250 queued\r\n").await?;
            }
            "QUIT" => {
                write.write_all(b"221 bye\r\n").await?;
                break;
            }
            _ => write.write_all(b"502 not implemented\r\n").await?,
        }
    }
    Ok(())
}
