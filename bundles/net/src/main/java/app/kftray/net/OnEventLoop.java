package app.kftray.net;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs work on an event loop, so that state only that loop touches needs no locks: callbacks
 * that arrive on other threads (a pod stream's, a future's completion) hop onto the loop through
 * here. A loop that is shutting down refuses new tasks; the caller then says what to do instead,
 * typically release what the task would have consumed.
 */
public final class OnEventLoop {
    private OnEventLoop() {
    }

    /**
     * Runs a task on a loop: at once when called on that loop, else queued.
     *
     * @param loop       the loop to run on
     * @param task       the work
     * @param ifLoopGone runs instead, on the calling thread, when the loop no longer accepts tasks
     * @return whether {@code task} ran or was queued
     */
    public static boolean run(EventExecutor loop, Runnable task, Runnable ifLoopGone) {
        if (loop.inEventLoop()) {
            task.run();
            return true;
        }
        return later(loop, task, ifLoopGone);
    }

    /**
     * Runs a task on a channel's loop: at once when called on that loop, else queued.
     *
     * @param channel    whose loop to run on
     * @param task       the work
     * @param ifLoopGone runs instead, on the calling thread, when the loop no longer accepts tasks
     * @return whether {@code task} ran or was queued
     */
    public static boolean run(Channel channel, Runnable task, Runnable ifLoopGone) {
        return run(channel.eventLoop(), task, ifLoopGone);
    }

    /**
     * @param group     the event loops some work must run on
     * @param preferred the loop it would best run on (a connection's own)
     * @return {@code preferred} when it is one of {@code group}'s, else one of {@code group}'s (a
     *         connection served by other loops, e.g. on a socket the helper passed in)
     */
    public static EventLoop within(EventLoopGroup group, EventLoop preferred) {
        for (EventExecutor loop : group) {
            if (loop == preferred) {
                return preferred;
            }
        }
        return group.next();
    }

    /**
     * Queues a task on a loop even when called on it, so that whatever the loop is doing now (a
     * handler callback, say) finishes before the task starts.
     *
     * @param loop       the loop to run on
     * @param task       the work
     * @param ifLoopGone runs instead, on the calling thread, when the loop no longer accepts tasks
     * @return whether {@code task} was queued
     */
    public static boolean later(EventExecutor loop, Runnable task, Runnable ifLoopGone) {
        try {
            loop.execute(task);
            return true;
        } catch (RejectedExecutionException shuttingDown) {
            ifLoopGone.run();
            return false;
        }
    }
}
