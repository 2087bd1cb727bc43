import NIOCore

/// Runs a task's jobs on one event loop: a request prefers its connection's loop, so that
/// when it resumes after waiting on another thread (a group commit, an fsync) it continues
/// where its socket is, instead of on whichever loop the global executor picks next and
/// then hopping to the socket's loop to write the response.
final class EventLoopTaskExecutor: TaskExecutor {
    let loop: any EventLoop

    init(_ loop: any EventLoop) {
        self.loop = loop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
