package com.eusate.legacy;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The member references of one class file, read from its constant pool (JVMS 4.4). */
final class ConstantPool {

    /** A field or method the class uses: owner as in the class file (a/b/C), name, descriptor. */
    record MemberRef(boolean method, String owner, String name, String descriptor) {
        @Override
        public String toString() {
            return owner.replace('/', '.') + (method ? "#" : ".") + name + descriptor;
        }
    }

    private ConstantPool() {
    }

    static List<MemberRef> memberRefs(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        int count = in.readUnsignedShort();
        int[] tags = new int[count];
        int[] first = new int[count];
        int[] second = new int[count];
        String[] utf8 = new String[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            tags[i] = tag;
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF(); // the class file's modified UTF-8 is DataInput's
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // takes two entries
                }
                case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
                case 9, 10, 11, 12, 17, 18 -> {
                    first[i] = in.readUnsignedShort();
                    second[i] = in.readUnsignedShort();
                }
                case 15 -> {
                    in.readUnsignedByte();
                    first[i] = in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at " + i);
            }
        }
        List<MemberRef> refs = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (tags[i] == 9 || tags[i] == 10 || tags[i] == 11) {
                String owner = utf8[first[first[i]]];
                int nameAndType = second[i];
                refs.add(new MemberRef(tags[i] != 9, owner, utf8[first[nameAndType]], utf8[second[nameAndType]]));
            }
        }
        return refs;
    }
}
