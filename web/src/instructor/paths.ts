/** The instructor's deep links: `#/classrooms/<room>/students/<student>[/cluster/…]`. */
const enc = encodeURIComponent;

export const roomPath = (room: string) => `/classrooms/${enc(room)}`;
export const studentPath = (room: string, student: string) => `${roomPath(room)}/students/${enc(student)}`;
